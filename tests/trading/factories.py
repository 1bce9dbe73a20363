import datetime
import itertools

from disclosure.trading.models import NoticePage, ProjectPage, TradingIndexPage

_serial = itertools.count(1)


def trading_index(site):
    return TradingIndexPage.objects.descendant_of(site.root_page).get()


def make_project(index, code=None, **fields):
    number = next(_serial)
    values = {
        "title": f"测试项目{number}",
        "purchaser": "南宁市测试局",
        "trading_type": "procurement",
        **fields,
    }
    project = ProjectPage(
        transaction_code=code or f"TEST-{number:04d}",
        slug=f"test-project-{number}",
        **values,
    )
    index.add_child(instance=project)
    project.save_revision().publish()
    return project


def add_notice(project, stage, published, **fields):
    if isinstance(published, str):
        published = datetime.date.fromisoformat(published)
    number = next(_serial)
    notice = NoticePage(
        title=fields.pop("title", f"{project.title}{stage}公告"),
        slug=f"notice-{number}",
        stage=stage,
        publish_date=published,
        **fields,
    )
    project.add_child(instance=notice)
    notice.save_revision().publish()
    return NoticePage.objects.get(pk=notice.pk)


def fresh(project):
    return ProjectPage.objects.get(pk=project.pk)
