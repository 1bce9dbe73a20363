"""The directory tree as a site shows it."""

from dataclasses import dataclass, field

from disclosure.models import DirectoryNode

# Standard nodes whose content is a section of the disclosure home itself.
HOME_SECTIONS = {
    "B09": "#guide",
    "B10": "#rules",
    "B11": "#reports-heading",
    "B12": "#request-heading",
}


@dataclass
class TreeNode:
    node: DirectoryNode
    children: list = field(default_factory=list)

    @property
    def anchor(self):
        return HOME_SECTIONS.get(self.node.code, "")


def directory_tree(site):
    """Return the root ``TreeNode``s: the standard plus the site's own nodes."""
    nodes = list(DirectoryNode.for_site(site).order_by("sort_order", "code"))
    by_pk = {node.pk: TreeNode(node) for node in nodes}
    roots = []
    for node in nodes:
        parent = by_pk.get(node.parent_id)
        (parent.children if parent else roots).append(by_pk[node.pk])
    return roots
