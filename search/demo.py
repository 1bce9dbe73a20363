"""Demo step: index everything the other steps published."""

from cms.demo import register_step
from search import indexing


@register_step("search-index", order=900)
def index_demo_content(ctx):
    """Index every published searchable item; unchanged items stay as they are."""
    for model in indexing.concrete_searchable_models():
        instances = list(indexing.live_instances(model))
        for instance in ctx.progress(instances, f"搜索索引 {model._meta.verbose_name}"):
            indexing.index_instance(instance)
