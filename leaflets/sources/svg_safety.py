"""Refuse an SVG (a brand's logo, a leaflet's diagram) that could run code or load anything.

The web site serves these files from the clinic's own address: a browser that opens one runs its
script as the clinic's page would, and follows its links. So an SVG may hold only a drawing.
Elements are allowed by name (an allow-list: the SVG elements a static drawing needs, and the
inert data drawing programs keep); attributes by what they do (a deny-list over every attribute:
no event handlers, no link or CSS url() that is not to a part of the same file). The file is
parsed once, by defusedxml's expat reader with every DOCTYPE refused, so no entity is expanded
and no file or address is fetched while it is read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl, Locator

import tinycss2
from defusedxml.common import DefusedXmlException, DTDForbidden
from defusedxml.expatreader import DefusedExpatParser

SVG = "http://www.w3.org/2000/svg"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
FILTERS = ("feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
           "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR "
           "feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight "
           "feSpecularLighting feSpotLight feTile feTurbulence")
DRAWING = frozenset((
    "svg g defs symbol use title desc metadata style switch "
    "path rect circle ellipse line polyline polygon image "
    "text tspan textPath "  # allowed here; sources/assets.py refuses them with their own reason
    "linearGradient radialGradient stop pattern clipPath mask marker filter " + FILTERS).split())
# What drawing programs keep about a file (Inkscape's and Sodipodi's settings, RDF licence data):
# a browser neither draws nor runs elements in these namespaces.
EDITOR_NAMESPACES = frozenset((
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/", "http://purl.org/dc/elements/1.1/"))
ANIMATION = frozenset(["set", "animate", "animateMotion", "animateTransform", "animateColor", "mpath", "discard"])
WHY_NOT = {
    "script": "runs code when the {what} is opened in a browser",
    "handler": "runs code when the {what} is opened in a browser",
    "listener": "runs code when the {what} is opened in a browser",
    "foreignObject": "holds a web page (HTML, forms, script) inside the drawing",
    "a": "makes a link, which can lead anywhere or run script",
    **dict.fromkeys(ANIMATION, "animates the drawing, and an animation can turn a link into script "
                               "(a <set> of href); a {what} does not move on paper"),
    **dict.fromkeys(("iframe", "embed", "object", "audio", "video", "canvas", "font-face-uri", "cursor",
                     "color-profile"), "shows or loads another file or page"),
}
LINKS = frozenset(("href", "src"))  # in any namespace: href, xlink:href
# presentation attributes that CSS url() can be given to: read as CSS, like a style attribute
CSS_ATTRIBUTES = frozenset(("style", "fill", "stroke", "filter", "mask", "clip-path", "marker", "marker-start",
                            "marker-mid", "marker-end", "cursor", "color-profile"))
LOADING_FUNCTIONS = frozenset(("image", "image-set", "-webkit-image-set", "cross-fade", "element", "expression"))
DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*?\sencoding\s*=\s*[\"']([^\"']*)")
UTF8 = ("utf-8", "utf8", "us-ascii", "ascii")


class Refused(Exception):
    """The first thing in the file that is not allowed; stops the parse."""


def svg_problem(data: bytes, name: str, what: str = "logo") -> str | None:
    """Why this SVG could run code or load something once published, or None; the message names
    the file, the line, the element or attribute, and the fix."""
    encoding = DECLARED_ENCODING.match(data.lstrip(b"\xef\xbb\xbf"))
    if encoding and encoding.group(1).decode("ascii", "replace").lower() not in UTF8:
        return f"'{name}' line 1: declares the encoding '{encoding.group(1).decode('ascii', 'replace')}'; " \
               f"save the {what} as UTF-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return f"'{name}' is not saved as UTF-8; save the {what} as UTF-8"
    handler = _Checker(name, what)
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except Refused as refused:
        return str(refused)
    except DTDForbidden:
        return (f"{handler.where()}: has a DOCTYPE (<!DOCTYPE ...>), which can declare entities and name files to "
                f"load; delete it and save the {what} as plain SVG without a DOCTYPE")
    except DefusedXmlException:  # entities and external references need a DOCTYPE, refused above
        return f"{handler.where()}: declares or loads an entity; save the {what} as plain SVG without a DOCTYPE"
    except SAXParseException as exc:
        return (f"'{name}' is not a valid SVG file ({exc.getMessage()}: line {exc.getLineNumber()}, "
                f"column {exc.getColumnNumber()})")
    return None


class _Checker(ContentHandler):
    """Reads the file's elements, attributes and stylesheets in order; raises Refused at the first
    thing that could run code or load something."""

    def __init__(self, name: str, what: str) -> None:
        super().__init__()
        self.name, self.what = name, what
        self.locator: Locator | None = None
        self.root = True
        self.styles = 0  # how many <style> elements the parser is inside
        self.style: list[str] = []  # the text read inside them
        self.style_line = 1  # where the outermost one starts

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def line(self) -> int:
        return (self.locator.getLineNumber() if self.locator else None) or 1

    def where(self) -> str:
        return f"'{self.name}' line {self.line()}"

    def refuse(self, reason: str, fix: str, line: int | None = None) -> None:
        raise Refused(f"'{self.name}' line {line or self.line()}: {reason}; {fix}")

    def processingInstruction(self, target: str, data: str) -> None:
        self.refuse(f"the processing instruction <?{target} ...?> can load a stylesheet or transform the file",
                    "delete it")

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl) -> None:
        namespace, local = name
        if self.root and name != (SVG, "svg"):
            raise Refused(f"'{self.name}' is not an SVG image (its top element is not <svg>)")
        self.root = False
        self.element(namespace, local)
        for (attr_namespace, attr), value in attrs.items():
            self.attribute(local, attrs.getQNameByName((attr_namespace, attr)), attr_namespace, attr, value)
        if name == (SVG, "style"):
            self.style_line = self.style_line if self.styles else self.line()
            self.styles += 1

    def element(self, namespace: str | None, local: str) -> None:
        """An element is allowed by name: a drawing element of SVG, or an editor's inert data."""
        if local in WHY_NOT:
            self.refuse(f"the <{local}> element {WHY_NOT[local].format(what=self.what)}", "delete it")
        if namespace == XHTML:
            self.refuse(f"the <{local}> element is a web-page (HTML) element, which can run script in a browser",
                        "delete it")
        if namespace == SVG and local not in DRAWING:
            self.refuse(f"the <{local}> element is not one of the drawing elements a {self.what} may use "
                        "(shapes, paths, groups, gradients, patterns, clip paths, masks, markers, filters)",
                        "delete it")
        if namespace != SVG and namespace not in EDITOR_NAMESPACES:
            self.refuse(f"the <{local}> element (namespace '{namespace or 'none'}') is not SVG",
                        f"save the {self.what} as plain SVG")

    def attribute(self, element: str, shown: str, namespace: str | None, name: str, value: str) -> None:
        """Every attribute, whatever its element: no event handler, no link out of the file."""
        if name.lower().startswith("on"):
            self.refuse(f"the {shown} attribute of <{element}> runs code in a browser (an event handler)",
                        "delete it")
        if name in LINKS and not value.strip().startswith("#"):
            self.refuse(f"the {shown} of <{element}> {_loads(value)}", self.self_contained())
        if (namespace, name) == (XML, "base"):
            self.refuse(f"the xml:base attribute of <{element}> changes where the file's links point", "delete it")
        if namespace is None and name in CSS_ATTRIBUTES:
            self.css(tinycss2.parse_component_value_list(value, skip_comments=True), f"the {shown} of <{element}>")

    def characters(self, content: str) -> None:
        if self.styles:
            self.style.append(content)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        """At the end of a <style>, all the text inside it (whatever else it holds) is read as CSS."""
        if name == (SVG, "style"):
            self.styles -= 1
            if not self.styles:
                self.css(tinycss2.parse_component_value_list("".join(self.style), skip_comments=True),
                         "the <style>", self.style_line)
                self.style = []

    def css(self, tokens: Iterable[tinycss2.ast.Node], place: str, line: int | None = None) -> None:
        """CSS (a <style>, a style attribute) may not load anything: no at-rule (@import, @font-face),
        no url() that is not to a part of the file, no function that draws an image from elsewhere."""
        for token in tokens:
            if token.type == "at-keyword":
                self.refuse(f"{place} has the at-rule @{token.value}, which can load other files",
                            "delete it: a drawing's style needs only plain rules", line)
            elif token.type == "url" and not token.value.strip().startswith("#"):
                self.refuse(f"{place} uses url({token.value[:60]}), which {_loads(token.value)}",
                            self.self_contained(), line)
            elif token.type == "function":
                self.function(token, place, line)
            elif token.type in ("() block", "[] block", "{} block"):
                self.css(token.content, place, line)

    def function(self, token: tinycss2.ast.FunctionBlock, place: str, line: int | None) -> None:
        if token.lower_name in LOADING_FUNCTIONS:
            self.refuse(f"{place} uses {token.name}(), which can load an image from elsewhere", "delete it", line)
        if token.lower_name in ("url", "src"):
            target = next((arg.value for arg in token.arguments if arg.type == "string"), "")
            if not target.strip().startswith("#"):
                self.refuse(f"{place} uses {token.name}(\"{target[:60]}\"), which {_loads(target)}",
                            self.self_contained(), line)
        self.css(token.arguments, place, line)

    def self_contained(self) -> str:
        return f"a {self.what} must be self-contained: refer only to its own parts (#id)"


def _loads(target: str) -> str:
    """What following this link would do, in words."""
    scheme = target.strip().split(":", 1)[0].lower() if ":" in target else ""
    if scheme in ("javascript", "vbscript"):
        return f"runs code ('{target[:60]}')"
    if scheme == "data":
        return "embeds a file as a data: address"
    return f"loads '{target[:60]}'"
