"""Benchmark unified search against Wagtail's stock database backend.

Generates N documents from the demo corpus (varying titles, organs, dates),
indexes them with each backend and prints build time, latency p50/p95 over
200 Chinese queries, and recall@10 / MRR on a judged query set.

    python bench/search.py --size 100000              # SQLite and PostgreSQL
    python bench/search.py --size 20000 --databases sqlite
    OPENSEARCH_URL=http://127.0.0.1:9251 python bench/search.py

Each database runs in a child process on a fresh database (PostgreSQL on the
server DATABASE_URL names). The documents are rows of a registered content
type, so the portal's build time is that of the real path, search_document()
and the batched writes of search_rebuild and the import task; its
latency is that of the JSON endpoint (/search/api/), service layer included.
Wagtail's stock backend indexes the same rows in bulk and is timed at its
backend call, which flatters it if anything.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "portal_bench_search"
ORGANS = [
    "南宁市人民政府办公室", "南宁市司法局", "南宁市大数据发展局", "南宁市财政局",
    "南宁市教育局", "南宁市卫生健康委员会", "兴宁区人民政府", "西乡塘区人民政府",
    "青秀区人民政府", "江南区人民政府", "南宁市人力资源和社会保障局",
    "南宁市住房和城乡建设局", "南宁市自然资源局", "南宁市生态环境局",
]  # fmt: skip
KINDS = ["政策文件", "政策解读", "通知公告", "交易公告", "意见征集", "年度报告"]
TEMPLATES = [
    "关于{t}的通知", "{o}关于加快推进{t}工作的实施意见", "{y}年{t}工作要点",
    "{o}{t}情况的报告", "关于印发《{t}实施方案》的通知", "{t}专项行动方案",
    "{o}{y}年{t}政策解读",
]  # fmt: skip
# Judged queries: each topic is planted in the titles of a few documents.
PLANTED = [
    "网上政府", "政务服务", "年度报告", "五象新区", "邕江综合整治", "电子证照",
    "不动产登记", "智慧停车", "垃圾分类", "青秀山", "营商环境", "公共资源交易",
    "老旧小区改造", "招商引资", "乡村振兴", "食品安全", "河长制", "一网通办",
    "数字政府", "城市更新",
]  # fmt: skip
PINYIN_JUDGED = {"wuxiangxinqu": "五象新区", "yjzhzz": "邕江综合整治"}


def corpus():
    records = []
    for name in ("policies", "interpretations", "trading", "consultations",
                 "annual_reports"):  # fmt: skip
        path = ROOT / "cms" / "demo" / "data" / "corpus" / f"{name}.json"
        records.extend(json.loads(path.read_text(encoding="utf-8")))
    return records


def paragraphs(records):
    found = []
    for record in records:
        for line in (record.get("body") or "").splitlines():
            line = line.strip()
            if 20 <= len(line) <= 400:
                found.append(line)
    return found


def generate(size, seed=7):
    """Return (docs, judged) for size documents; judged maps query → doc ids."""
    rng = random.Random(seed)
    records = corpus()
    paras = paragraphs(records)
    topics = [r["title"][:18] for r in records] + PLANTED
    docs = []
    for i in range(size):
        record = rng.choice(records)
        organ = rng.choice(ORGANS)
        year = rng.randint(2010, 2025)
        planted = rng.random() < 0.002
        topic = rng.choice(PLANTED) if planted else rng.choice(topics)
        title = rng.choice(TEMPLATES).format(t=topic, o=organ, y=year)
        if rng.random() < 0.3:
            title = record["title"][:30] + f"（第{i}号）"
        body = [rng.choice(paras) for _ in range(3)]
        docs.append({"id": i, "title": title, "body": body, "organ": organ,
                     "year": year, "kind": rng.choice(KINDS)})  # fmt: skip
    judged = {}
    for query in PLANTED:
        judged[query] = {d["id"] for d in docs if query in d["title"]}
    for query, word in PINYIN_JUDGED.items():
        judged[query] = judged[word]
    return docs, {q: ids for q, ids in judged.items() if ids}


def latency_queries(docs, judged, count=200, seed=11):
    import jieba

    rng = random.Random(seed)
    words = sorted({w for d in docs[:3000] for w in jieba.cut(d["title"]) if len(w) >= 2
                    and not w.isascii()})  # fmt: skip
    picked = list(judged) + rng.sample(words, min(count, len(words)))
    return picked[:count]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * p), len(ordered) - 1)]


def quality(ranked_by_query, judged):
    recalls, ranks = [], []
    for query, relevant in judged.items():
        ranked = ranked_by_query[query]
        top = ranked[:10]
        recalls.append(len(set(top) & relevant) / min(10, len(relevant)))
        rank = next((i + 1 for i, d in enumerate(ranked) if d in relevant), None)
        ranks.append(1 / rank if rank else 0.0)
    return statistics.mean(recalls), statistics.mean(ranks)


def measure(run_query, queries, judged):
    for query in queries[:5]:
        run_query(query)  # warm caches
    timings = []
    for query in queries:
        start = time.perf_counter()
        run_query(query)
        timings.append((time.perf_counter() - start) * 1000)
    ranked = {query: run_query(query) for query in judged}
    recall, mrr = quality(ranked, judged)
    return {
        "p50_ms": percentile(timings, 0.5),
        "p95_ms": percentile(timings, 0.95),
        "recall10": recall,
        "mrr": mrr,
    }


# ----- child process: one database -------------------------------------


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_model():
    """Create a content table for the generated documents; return its model.

    It is registered like any content type, so the portal indexes it through
    ``search_document()`` and ``index_everything`` (as search_rebuild does), and
    Wagtail's stock backend indexes the very same rows.
    """
    from django.db import connection, models

    from modelsearch import index
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    from cms.searchable import SearchDocument, searchable

    class BenchDocument(index.Indexed, models.Model):
        doc_id = models.IntegerField()
        title = models.TextField()
        body = models.TextField()
        organ = models.CharField(max_length=100)
        kind = models.CharField(max_length=20)
        year = models.IntegerField()

        search_fields = [
            index.SearchField("title", boost=10),
            index.SearchField("body"),
            index.AutocompleteField("title"),
        ]

        class Meta:
            app_label = "portal_search"
            db_table = "bench_search_document"

        def get_absolute_url(self):
            return f"/d/{self.doc_id}/"

        def search_document(self):
            return SearchDocument(
                title=self.title,
                body=self.body,
                date=datetime.date(self.year, 1 + self.doc_id % 12, 1),
                kind=self.kind,
                organ=self.organ,
            )

    TextIDGenericRelation(IndexEntry).contribute_to_class(
        BenchDocument, "index_entries"
    )
    with connection.schema_editor() as editor:
        editor.create_model(BenchDocument)
    searchable(BenchDocument)
    return BenchDocument


def store_documents(model, docs):
    fields = ("title", "organ", "kind", "year")
    rows = [
        model(doc_id=d["id"], body="\n".join(d["body"]), **{f: d[f] for f in fields})
        for d in docs
    ]
    return model.objects.bulk_create(rows, batch_size=2000)


def build_portal_index():
    """Index every row the way search_rebuild does; return seconds."""
    from search import indexing

    start = time.perf_counter()
    indexing.index_everything(NoBar)
    indexing.recount_words()
    indexing.settle()
    return time.perf_counter() - start


def doc_id_of(url):
    return int(url.rstrip("/").rsplit("/", 1)[-1])


def portal_search():
    """Return run_query(q) -> ranked doc ids, through the JSON endpoint's view.

    This is what a search costs a reader: parsing, synonyms, pinned results,
    the backend with facets, highlighting, snippets, the query log and hot
    searches, and the JSON encoding.
    """
    from django.test import Client

    client = Client()

    def run(query):
        response = client.get("/search/api/", {"q": query, "scope": "all"})
        return [doc_id_of(r["url"]) for r in response.json()["results"]]

    return run


def stock_index(model, rows):
    """Index the same rows with Wagtail's stock database backend."""
    from modelsearch.backends.database import SearchBackend

    backend = SearchBackend({})
    start = time.perf_counter()
    for i in range(0, len(rows), 2000):
        backend.add_bulk(model, rows[i : i + 2000])
    built = time.perf_counter() - start

    def run(query):
        results = backend.search(query, model.objects.all(), operator="and")
        return [r.doc_id for r in results[:10]]

    return built, run


def child(args):
    url = args.database_url
    setup_django(url)
    from django.db import connection

    docs, judged = generate(args.size)
    queries = latency_queries(docs, judged)
    vendor = connection.vendor
    out = []

    model = bench_model()
    rows = store_documents(model, docs)

    if not args.no_stock:
        built, run = stock_index(model, rows)
        row = {"backend": f"wagtail stock ({vendor})", "build_s": built}
        row.update(measure(run, queries, judged))
        row["note"] = "add_bulk; query = backend.search, first 10"
        out.append(row)

    built = build_portal_index()
    row = {"backend": f"portal database ({vendor})", "build_s": built}
    row.update(measure(portal_search(), queries, judged))
    row["note"] = "search_rebuild's database part; query = /search/api/"
    out.append(row)

    if args.opensearch and vendor == "postgresql":
        from django.test import override_settings

        from search.backends import config
        from search.tasks import rebuild_engine

        conf = {**config(), "BACKEND": "opensearch", "URL": args.opensearch,
                "INDEX": "portal-bench"}  # fmt: skip
        with override_settings(PORTAL_SEARCH=conf):
            from search.backends import engine_backend

            engine = engine_backend()
            start = time.perf_counter()
            rebuild_engine(engine, NoBar)
            row = {
                "backend": "portal opensearch",
                "build_s": time.perf_counter() - start,
            }
            row.update(measure(portal_search(), queries, judged))
            row["note"] = "search_rebuild's engine part; query = /search/api/"
            out.append(row)
            engine.drop()
    print(json.dumps({"size": args.size, "queries": len(queries),
                      "judged": len(judged), "rows": out}))  # fmt: skip


class NoBar:
    def __init__(self, *args):
        pass

    def update(self, n):
        pass

    def close(self):
        pass


# ----- parent: fresh databases and the table ---------------------------


def postgres_url():
    """Return the bench database on the server DATABASE_URL names, if any."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:54329/portal"
    return url.rsplit("/", 1)[0] + "/" + BENCH_DATABASE


def fresh_database(kind, size):
    if kind == "sqlite":
        path = ROOT / "var" / f"bench-search-{size}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    url = postgres_url()
    admin = url.rsplit("/", 1)[0] + "/postgres"
    for sql in (f"DROP DATABASE IF EXISTS {BENCH_DATABASE}",
                f"CREATE DATABASE {BENCH_DATABASE}"):  # fmt: skip
        subprocess.run(["psql", admin, "-qc", sql], check=True, capture_output=True)
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--opensearch",
        default=os.environ.get("SEARCH_URL") or os.environ.get("OPENSEARCH_URL", ""),
    )
    parser.add_argument(
        "--no-stock",
        action="store_true",
        help="leave out Wagtail's stock backend (its figures do not depend on "
        "the portal's code, and at 100,000 documents it takes about 20 minutes)",
    )
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database_url:
        child(args)
        return

    rows, meta = [], {}
    for kind in args.databases.split(","):
        url = fresh_database(kind, args.size)
        command = [sys.executable, __file__, "--size", str(args.size),
                   "--database-url", url, "--opensearch", args.opensearch,
                   *(["--no-stock"] if args.no_stock else [])]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            sys.exit(result.returncode)
        data = json.loads(result.stdout.strip().splitlines()[-1])
        meta = data
        rows.extend(data["rows"])

    pinyin = len(PINYIN_JUDGED)
    print(f"documents: {meta['size']:,}  latency queries: {meta['queries']}  "
          f"judged queries: {meta['judged']} (incl. {pinyin} pinyin)")  # fmt: skip
    header = f"{'backend':32} {'build s':>9} {'p50 ms':>8} {'p95 ms':>8} "
    print(header + f"{'recall@10':>10} {'MRR':>6}")
    for row in rows:
        print(f"{row['backend']:32} {row['build_s']:9.1f} {row['p50_ms']:8.1f} "
              f"{row['p95_ms']:8.1f} {row['recall10']:10.3f} {row['mrr']:6.3f}"
              + (f"   {row['note']}" if row.get("note") else ""))  # fmt: skip


if __name__ == "__main__":
    main()
