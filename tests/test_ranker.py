"""The ranker: a fitted logistic model read from a data file; fitting recovers a separable signal."""

from __future__ import annotations

import numpy as np

from knowledge.features import NAMES
from knowledge.ranker import Ranker, fit_logistic
from knowledge.textindex import BigramField, bigrams


def test_the_shipped_ranker_loads_with_thresholds_in_order() -> None:
    r = Ranker.load()
    assert 0 < r.suggest <= r.answer < 1
    assert set(r.weights) <= set(NAMES)


def test_save_and_load_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = Ranker.load()
    path = tmp_path / "r.json"
    r.save(path)
    again = Ranker.load(path)
    x = np.random.default_rng(0).random((5, len(NAMES)))
    assert np.allclose(r.probability(x), again.probability(x))


def test_fit_logistic_finds_the_informative_feature() -> None:
    rng = np.random.default_rng(1)
    x = rng.random((400, 3))
    y = (x[:, 1] > 0.5).astype(float)
    w, _, _, _ = fit_logistic(x, y, l2=0.1)
    assert abs(w[1]) > 5 * max(abs(w[0]), abs(w[2]))


def test_bm25_prefers_the_item_holding_the_query() -> None:
    field = BigramField(["规模以上工业总产值", "工业", "固定资产投资", "规模以上工业总产值", "上"])
    s = field.scores(bigrams("规上工业总产值"))
    assert s[0] == s[3] > s[1] > 0 == s[2]
    cov = field.coverage(bigrams("工业总产值"))
    assert cov[0] == 1.0 and 0 < cov[1] < 1 and cov[2] == 0


def test_the_fit_stays_finite_on_collinear_features_with_signs_fixed() -> None:
    rng = np.random.default_rng(7)
    a = rng.normal(size=400)
    x = np.column_stack([a, a, -a + 1e-6 * rng.normal(size=400), rng.normal(size=400)])
    y = (a + 0.3 * rng.normal(size=400) > 0).astype(float)
    w, b, _, _ = fit_logistic(x, y, l2=1e-3, nonnegative=np.array([True, False, True, False]))
    assert np.all(np.isfinite(w)) and np.abs(w).max() < 50
    assert w[0] >= 0 and w[2] >= 0
    z = ((x - x.mean(0)) / x.std(0)) @ w + b
    assert ((z > 0) == (y > 0)).mean() > 0.85


def test_an_aspect_word_taken_out_of_a_name_does_not_join_its_neighbours() -> None:
    """名师工作室 without 工作 is 名师 and 室, each found in the text; not the bigram 师室 it never holds."""
    from knowledge.features import Candidate, _core, explained_whole

    assert _core("名师工作室") == "名师 室"
    passage = Candidate(kind="passage", name="", text="发挥30个名师工作室辐射引领作用", actual=False,
                        years=frozenset(), period=None, doc_kind="report")
    assert explained_whole(passage, ["名师工作室"]) == 0.9
    elsewhere = Candidate(kind="passage", name="", text="培养一批名师", actual=False,
                          years=frozenset(), period=None, doc_kind="report")
    assert explained_whole(elsewhere, ["名师工作室"]) < 0.9


def test_local_coverage_weighs_what_sets_a_paragraph_apart_from_its_siblings() -> None:
    """公立医院 is in every paragraph of the document: the paragraph holding 薪酬分配 covers the
    question more than the ones holding only 公立医院, though each holds as many of its bigrams."""
    from knowledge.features import add_local, char_bigrams

    texts = ["公立医院要落实经营管理自主权", "公立医院要加强党建工作", "公立医院内部薪酬分配体现岗位差异",
             "别的文件讲薪酬分配"]
    x = np.zeros((len(texts), len(NAMES)))
    add_local(x, texts, [0, 0, 0, 1], char_bigrams("公立医院薪酬分配"))
    local = x[:, NAMES.index("cov_local")]
    assert local[2] > local[0] == local[1]
    assert local.min() >= 0.0 and local.max() <= 1.0


def test_local_coverage_counts_each_documents_candidates_apart() -> None:
    """The documents' counts taken at once equal each document's taken alone (candidates interleaved)."""
    from knowledge.features import add_local, char_bigrams

    texts = ["公立医院要落实经营管理自主权", "别的文件讲薪酬分配", "公立医院内部薪酬分配体现岗位差异",
             "薪酬分配制度改革", "公立医院要加强党建工作"]
    docs = [3, 9, 3, 9, 3]
    grams = char_bigrams("公立医院薪酬分配")
    x = np.zeros((len(texts), len(NAMES)))
    together = add_local(x, texts, docs, grams)[:, NAMES.index("cov_local")]
    for d in set(docs):
        rows = [k for k, doc in enumerate(docs) if doc == d]
        alone = add_local(np.zeros((len(rows), len(NAMES))), [texts[k] for k in rows], [d] * len(rows), grams)
        assert np.allclose(together[rows], alone[:, NAMES.index("cov_local")])


def test_an_answers_candidates_are_ordered_by_the_calibrated_probability() -> None:
    """The ranking score picks the candidates; the calibrated probability (which also weighs the
    margin and the evidence of an answer) orders them: the most probable answer comes first."""
    from knowledge.builder import build_document
    from knowledge.search import SearchIndex

    index = SearchIndex(build_document("a.txt", ["东湖街道2024年工作计划", "一、抓民生",
                                                 "推进老旧小区改造，完成改造5个。", "推进老旧小区管网改造。"]))
    q = index.parse("老旧小区改造")
    idx, x = index.features(q)
    ranked = dict(zip(idx, index.ranker.rank_probability(x).tolist(), strict=True))
    # A ranker whose calibration reverses the ranking score's order.
    index.ranker.probability = lambda m: 1.0 - index.ranker.rank_probability(m)  # type: ignore[method-assign]
    scored = index.score(q)
    probs = [p for p, _ in scored.inside]
    assert probs == sorted(probs, reverse=True)
    assert [ranked[i] for _, i in scored.inside] == sorted((ranked[i] for _, i in scored.inside))


def test_rare_characters_shared_in_other_words_are_evidence() -> None:
    """小区老鼠蟑螂多: no bigram of the question is in 灭鼠…灭蟑, but its rare characters 鼠 and 蟑 are;
    common characters (小区, 多) weigh nothing, and an item holding none of the rare ones gets 0."""
    from knowledge.builder import build_document
    from knowledge.search import SearchIndex

    lines = ["东湖街道2024年工作计划", "一、抓民生"] + [f"{k}.推进小区{k}号楼改造，做好社区服务。" for k in range(1, 120)] \
        + ["120.按时开展冬春季灭鼠、夏秋季灭蚊蝇和全年灭蟑工作。", "121.做好小区绿化养护。"]
    index = SearchIndex(build_document("east.txt", lines))
    idx = [i for i, e in enumerate(index.entries) if e.kind == "task" and ("灭蟑" in e.text or "绿化" in e.text)]
    share = index.rare_chars("小区老鼠蟑螂多统一消杀", idx)
    by_text = {("灭蟑" in index.entries[i].text): v for i, v in zip(idx, share, strict=True)}
    assert by_text[True] > 0.3 and by_text[False] == 0.0
    assert Ranker.load().weights.get("rare_chars", 0.0) > 0.0


def test_a_rare_latin_word_is_evidence_as_a_rare_character_is() -> None:
    """AED: its letters are in many items (the plans' XX, PM2.5), the word in one."""
    from knowledge.builder import build_document
    from knowledge.search import SearchIndex

    lines = ["东湖街道2024年工作计划", "一、抓民生"] + [f"{k}.推进XX小区{k}号楼改造，开展DE活动。" for k in range(1, 120)] \
        + ["120.增加公共场所AED安装数量。"]
    index = SearchIndex(build_document("east.txt", lines))
    idx = [i for i, e in enumerate(index.entries) if e.kind == "task"]
    share = index.rare_chars("商场里救心脏的aed会多装吗", idx)
    held = {i: v for i, v in zip(idx, share, strict=True)}
    assert max(v for i, v in held.items() if "aed" in index.entries[i].text) > 0.0
    assert all(v == 0.0 for i, v in held.items() if "aed" not in index.entries[i].text)
