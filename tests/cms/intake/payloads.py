from pathlib import Path

PAYLOAD_FILE = Path(__file__).resolve().parents[2] / "data" / "xss-payloads.txt"


def xss_payloads():
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]
