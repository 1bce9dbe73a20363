"""Plumbing shared by every public form: what the public sends in.

Small pieces a public form combines: ``forms.IntakeForm`` (honeypot, optional
captcha, contact validation), ``ratelimit`` (per-client limits from
settings), ``sanitize`` (allow-listed HTML), ``tracking`` (receipt codes),
``masking`` (names, phones and e-mails as the public may see them) and
``storage.store`` (all-or-nothing saving with a retry message).
"""
