"""Benchmark unified search against Wagtail's stock database backend.

Generates N documents from the demo corpus (varying titles, organs, dates),
indexes them with each backend and prints build time, latency p50/p95 over
200 Chinese queries, and recall@10 / MRR on a judged query set.

    python bench/search.py --size 100000              # SQLite and PostgreSQL
    python bench/search.py --size 20000 --databases sqlite
    OPENSEARCH_URL=http://127.0.0.1:9251 python bench/search.py

Each database runs in a child process on a fresh database. Segmentation is
done once per distinct paragraph and reused (documents share paragraphs);
the segmentation rate on distinct text is printed separately so the build
time of entirely distinct text can be estimated.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:54329/portal_bench_search"
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


def build_entries(docs):
    """Write SearchEntry rows (and FTS rows on SQLite); return seconds."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from search import indexing, text
    from search.models import SearchEntry

    seg_cache = {}

    def seg(paragraph):
        if paragraph not in seg_cache:
            seg_cache[paragraph] = (
                " ".join(text.words(paragraph)),
                " ".join(text.grams(paragraph)),
            )
        return seg_cache[paragraph]

    ct = ContentType.objects.get_for_model(SearchEntry)
    start = time.perf_counter()
    batch = []
    for doc in docs:
        body = "\n".join(doc["body"])
        parts = [seg(p) for p in doc["body"]]
        full, initials = text.pinyin_tokens(doc["title"])
        batch.append(SearchEntry(
            content_type=ct, object_id=str(doc["id"]), url=f"/d/{doc['id']}/",
            kind=doc["kind"], title=doc["title"], body=body, year=doc["year"],
            organ=doc["organ"], title_seg=text.segmented(doc["title"]),
            body_seg=" ".join(p[0] for p in parts) + " x "
            + " x ".join(p[1] for p in parts),
            pinyin=" ".join(full), initials=" ".join(initials),
        ))  # fmt: skip
        if len(batch) == 2000:
            flush(batch, connection, transaction, indexing)
            batch = []
    flush(batch, connection, transaction, indexing)
    return time.perf_counter() - start, len(seg_cache)


def flush(batch, connection, transaction, indexing):
    from search.models import SearchEntry

    if not batch:
        return
    with transaction.atomic():
        created = SearchEntry.objects.bulk_create(batch)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {indexing.FTS_TABLE} "  # noqa: S608
                    "(rowid, title, body, pinyin, initials) VALUES (?, ?, ?, ?, ?)",
                    [(e.pk, e.title_seg, e.body_seg, e.pinyin, e.initials)
                     for e in created],
                )  # fmt: skip


def entry_doc_ids():
    from search.models import SearchEntry

    return dict(SearchEntry.objects.values_list("pk", "object_id"))


def our_backend(name):
    """Return run_query(q) -> ranked doc ids via the full search service."""
    from django.test import RequestFactory  # noqa: F401

    from search import service
    from search.backends import database_backend, engine_backend
    from search.backends.base import SearchRequest
    from search.query import parse

    ids = entry_doc_ids()
    backend = database_backend() if name == "database" else engine_backend()
    synonyms = service.synonyms()

    def run(query):
        parsed = parse(query, synonyms)
        request = SearchRequest(parsed=parsed, limit=10)
        hits = backend.search(request)
        if hits.total == 0 and parsed.can_loosen():
            parsed.loose = True
            hits = backend.search(request)
        return [int(ids[pk]) for pk in hits.ids if pk in ids]

    return run


def stock_backend(docs):
    """Index the same documents with Wagtail's stock database backend."""
    from django.db import connection, models

    from modelsearch import index
    from modelsearch.backends.database import SearchBackend

    class BenchDocument(index.Indexed, models.Model):
        doc_id = models.IntegerField()
        title = models.TextField()
        body = models.TextField()
        search_fields = [
            index.SearchField("title", boost=10),
            index.SearchField("body"),
            index.AutocompleteField("title"),
        ]

        class Meta:
            app_label = "portal_search"
            db_table = "bench_search_document"

    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(
        BenchDocument, "index_entries"
    )
    with connection.schema_editor() as editor:
        editor.create_model(BenchDocument)
    backend = SearchBackend({})
    start = time.perf_counter()
    rows = BenchDocument.objects.bulk_create(
        [
            BenchDocument(doc_id=d["id"], title=d["title"], body="\n".join(d["body"]))
            for d in docs
        ],  # fmt: skip
        batch_size=2000,
    )
    for i in range(0, len(rows), 2000):
        backend.add_bulk(BenchDocument, rows[i : i + 2000])
    built = time.perf_counter() - start

    def run(query):
        results = backend.search(query, BenchDocument.objects.all(), operator="and")
        return [r.doc_id for r in results[:10]]

    return built, run


def child(args):
    url = args.database_url
    setup_django(url)
    from django.db import connection

    from search import text

    docs, judged = generate(args.size)
    queries = latency_queries(docs, judged)
    vendor = connection.vendor
    out = []

    sample = "\n".join(p for d in docs[:300] for p in d["body"])
    start = time.perf_counter()
    text.words(sample)
    text.grams(sample)
    rate = len(sample) / (time.perf_counter() - start)

    built, distinct = build_entries(docs)
    row = {"backend": f"portal database ({vendor})", "build_s": built}
    row.update(measure(our_backend("database"), queries, judged))
    row["note"] = f"{distinct} distinct paragraphs segmented; {rate:,.0f} chars/s"
    out.append(row)

    built, run = stock_backend(docs)
    row = {"backend": f"wagtail stock ({vendor})", "build_s": built}
    row.update(measure(run, queries, judged))
    out.append(row)

    if args.opensearch and vendor == "postgresql":
        from django.test import override_settings

        from search.backends import config
        from search.models import SearchEntry

        conf = {**config(), "BACKEND": "opensearch", "URL": args.opensearch,
                "INDEX": "portal-bench"}  # fmt: skip
        with override_settings(PORTAL_SEARCH=conf):
            from search.backends import engine_backend

            engine = engine_backend()
            entries = SearchEntry.objects.order_by("pk")
            start = time.perf_counter()
            engine.rebuild(entries.iterator(), entries.count(), NoBar)
            row = {
                "backend": "portal opensearch",
                "build_s": time.perf_counter() - start,
            }
            row.update(measure(our_backend("opensearch"), queries, judged))
            row["note"] = "build = bulk load of the segmented rows"
            out.append(row)
            engine.drop()
    print(json.dumps({"size": args.size, "queries": len(queries),
                      "judged": len(judged), "rows": out}))  # fmt: skip


class NoBar:
    def __init__(self, total):
        pass

    def update(self, n):
        pass

    def close(self):
        pass


# ----- parent: fresh databases and the table ---------------------------


def fresh_database(kind, size):
    if kind == "sqlite":
        path = ROOT / "var" / f"bench-search-{size}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    name = PG_URL.rsplit("/", 1)[1]
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", admin, "-qc", sql], check=True, capture_output=True)
    return PG_URL


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--opensearch", default=os.environ.get("OPENSEARCH_URL", ""))
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database_url:
        child(args)
        return

    rows, meta = [], {}
    for kind in args.databases.split(","):
        url = fresh_database(kind, args.size)
        command = [sys.executable, __file__, "--size", str(args.size),
                   "--database-url", url, "--opensearch", args.opensearch]  # fmt: skip
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
