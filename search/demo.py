"""Demo step: index everything the other steps published."""

from tqdm import tqdm

from cms.demo import register_step
from search import indexing


@register_step("search-index", order=900)
def index_demo_content(ctx):
    """Index every published searchable item; unchanged items stay as they are."""

    def progress(total, description):
        return tqdm(
            total=total,
            desc=f"搜索索引 {description}",
            unit="条",
            disable=not ctx.show_progress,
        )

    indexing.index_everything(progress)
