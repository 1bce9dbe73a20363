from .consultations import (
    ADOPTION_CHOICES,
    Comment,
    ConsultationArticle,
    ConsultationAttachment,
    ConsultationPage,
    FeedbackTheme,
)
from .messages import (
    Department,
    Mailbox,
    Message,
    MessageTransfer,
    PublicMessage,
    SatisfactionRating,
)

__all__ = [
    "ADOPTION_CHOICES",
    "Comment",
    "ConsultationArticle",
    "ConsultationAttachment",
    "ConsultationPage",
    "Department",
    "FeedbackTheme",
    "Mailbox",
    "Message",
    "MessageTransfer",
    "PublicMessage",
    "SatisfactionRating",
]
