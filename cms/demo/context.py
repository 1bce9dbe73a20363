from dataclasses import dataclass, field

from tqdm import tqdm


@dataclass
class DemoContext:
    """What every demo step gets: where sites live and how to report."""

    domain: str = "localhost"
    port: int = 8000
    data_dir: object = None
    show_progress: bool = True
    skipped: list = field(default_factory=list)

    def hostname(self, subdomain):
        return f"{subdomain}.{self.domain}"

    def progress(self, iterable, description):
        return tqdm(
            iterable, desc=description, unit="条", disable=not self.show_progress
        )

    def skip(self, where, reason):
        self.skipped.append(f"{where}: {reason}")
