from .directory import DirectoryNode, IssuingOrgan, Topic
from .documents import (
    Category,
    DisclosureDocumentPage,
    DocumentAttachment,
    Validity,
    validity_q,
)
from .interpretations import InterpretationKind, InterpretationPage
from .numbering import IndexCounter
from .pages import AnnualReportPage, DisclosureIndexPage

__all__ = [
    "AnnualReportPage",
    "Category",
    "DirectoryNode",
    "DisclosureDocumentPage",
    "DisclosureIndexPage",
    "DocumentAttachment",
    "IndexCounter",
    "InterpretationKind",
    "InterpretationPage",
    "IssuingOrgan",
    "Topic",
    "Validity",
    "validity_q",
]
