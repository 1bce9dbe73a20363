"""Show personal data of the public only in the masked forms people expect."""

import re

PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3})-?\d{3,4}(\d{4})(?!\d)")
EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.\w+)")
ID_CARD_RE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")


def mask_name(name, anonymous_label="匿名"):
    """Keep the first character of a name: 张三 becomes 张**."""
    name = (name or "").strip()
    if not name:
        return anonymous_label
    return name[0] + "**"


def mask_phone(phone):
    """Show a phone number as 138****5678 or 0771****5678."""
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return "****"
    return f"{digits[:3] if digits[0] == '1' else digits[:4]}****{digits[-4:]}"


def mask_email(email):
    """Show an e-mail address as z***@example.com."""
    local, at, domain = (email or "").partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def redact_contacts(text):
    """Mask phone numbers, e-mails and ID numbers written inside free text."""
    text = ID_CARD_RE.sub(r"\1********\2", text or "")
    text = PHONE_RE.sub(r"\1****\2", text)
    text = LANDLINE_RE.sub(r"\1****\2", text)
    return EMAIL_RE.sub(r"\1***@\2", text)
