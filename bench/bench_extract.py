"""Benchmark extraction: papers per second and peak memory over synthesised corpora of 10, 100 and 1,000 papers.

The papers are case reports and short reviews put together from varied templates (lesions, sites,
levels, signals, sequences, procedures, outcomes, differentials, rates are drawn from the ontology's
own vocabulary, and each sentence type has several wordings), seeded so every run reads the same
corpus. Each corpus size runs in a fresh Python process, so the peak resident memory it reports
(``ru_maxrss``) belongs to that size alone; the time covers building the lexicon once and extracting
every paper (the build is not part of it).

Run: ``.venv/bin/python bench/bench_extract.py`` (``--sizes 10 100 1000`` by default).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LESIONS = [
    ("epidural metastasis", "posterior epidural space"), ("extradural cavernous hemangioma", "neural foramen"),
    ("meningioma", "intradural extramedullary space"), ("ependymoma", "spinal cord"), ("astrocytoma", "spinal cord"),
    ("multiple myeloma", "vertebral body"), ("vertebral hemangioma", "vertebral body"), ("epidural abscess", "epidural space"),
    ("hemangiopericytoma", "epidural space"), ("chordoma", "sacrum"), ("lymphoma", "epidural space"),
]
PRIMARIES = ["breast carcinoma", "prostate carcinoma", "lung carcinoma", "renal cell carcinoma", "thyroid carcinoma", "melanoma"]
SYMPTOMS = ["back pain", "neck pain", "low back pain", "paraparesis", "radiating pain", "extremity weakness", "interscapular pain"]
EXAM = ["hyperreflexia", "spasticity", "a sensory level", "extensor plantar responses", "sensory loss"]
DENIED = ["bladder symptoms", "bowel symptoms", "focal weakness"]
SIGNALS = ["hypointense", "hyperintense", "isointense"]
SEQUENCES = ["T1-weighted", "T2-weighted", "STIR"]
ENHANCEMENT = ["homogeneous enhancement", "heterogeneous enhancement", "peripheral enhancement", "intense enhancement"]
MODALITIES = ["Magnetic resonance imaging", "MRI", "Computed tomography", "Bone scintigraphy"]
TREATMENTS = ["laminectomy", "surgical decompression", "embolization", "external beam radiation therapy", "chemotherapy", "complete surgical resection"]
OUTCOMES = ["walking independently", "neurological improvement", "disease progression", "recurrence", "stable disease"]
LEVELS = [f"{r}{n}" for r, size in (("C", 7), ("T", 12), ("L", 5)) for n in range(1, size)]
WORDS = ["one", "two", "three", "four", "five", "six"]

PRESENTATION = [
    "A {age}-year-old {sex} presented with {symptom} of {weeks} weeks' duration.",
    "The patient, a {age}-year-old {sex}, complained of {symptom}.",
    "A {age}-year-old {sex} was admitted with progressive {symptom}.",
]
IMAGING = [
    "{modality} showed a mass in the {site} at {level_a}-{level_b}.",
    "{modality} demonstrated a lesion in the {site} extending from {level_a} to {level_b}.",
    "On {modality}, a mass was seen in the {site} at the {level_a} and {level_b} levels.",
]
APPEARANCE = [
    "The lesion was {signal} on {sequence} images and showed {enhancement}.",
    "The mass appeared {signal} on {sequence} images, with {enhancement} after gadolinium.",
    "It was {signal} on {sequence} sequences.",
]
GENERAL = [
    "{lesion_cap} usually occurs in the {site}.",
    "The differential diagnosis of {lesion} includes {other} and {third}.",
    "{primary_cap} metastasizes to the vertebral column by hematogenous spread.",
    "{lesion_cap} is a rare tumour that can cause spinal cord compression.",
    "Spinal metastases occur in {low}-{high}% of patients with {primary}.",
    "MRI is more sensitive than radiography for the detection of {lesion}.",
    "{lesion_cap} may mimic {other}.",
    "MRI has a sensitivity of {sens}% for {lesion}.",
]


def synthesise(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` (title, text) papers from the templates, the same for the same seed."""
    rng = random.Random(seed)
    return [_paper(rng, n) for n in range(count)]


def _paper(rng: random.Random, n: int) -> tuple[str, str]:
    lesion, site = rng.choice(LESIONS)
    others = rng.sample([name for name, _ in LESIONS if name != lesion], 2)
    level = rng.randrange(len(LEVELS) - 2)
    fill = {
        "age": rng.randint(18, 85), "sex": rng.choice(["man", "woman"]), "symptom": rng.choice(SYMPTOMS), "weeks": rng.randint(1, 12),
        "modality": rng.choice(MODALITIES), "site": site, "level_a": LEVELS[level], "level_b": LEVELS[level + 1],
        "signal": rng.choice(SIGNALS), "sequence": rng.choice(SEQUENCES), "enhancement": rng.choice(ENHANCEMENT),
        "lesion": lesion, "lesion_cap": lesion.capitalize(), "other": others[0], "third": others[1],
        "primary": rng.choice(PRIMARIES), "low": rng.randint(2, 20), "sens": rng.randint(60, 99),
    }
    fill["primary_cap"] = fill["primary"].capitalize()
    fill["high"] = fill["low"] + rng.randint(1, 20)
    narrative = [rng.choice(PRESENTATION), f"She denied {rng.choice(DENIED)}." if fill["sex"] == "woman" else f"He denied {rng.choice(DENIED)}.",
                 f"Neurological examination revealed {rng.choice(EXAM)}.", rng.choice(IMAGING), rng.choice(APPEARANCE)]
    for step in range(rng.randint(1, 3)):
        when = f"{rng.choice(WORDS).capitalize()} days later, " if step else ""
        narrative.append(f"{when}{'the patient' if when else 'The patient'} underwent {rng.choice(TREATMENTS)}.")
    narrative.append(f"Histology confirmed {lesion}. At follow-up the patient was {rng.choice(OUTCOMES)}.")
    discussion = [rng.choice(GENERAL) for _ in range(rng.randint(2, 10))]
    title = f"{lesion.capitalize()} of the spine: case report {n + 1}"
    text = f"{title}\n\n\nCASE REPORT\n\n" + " ".join(narrative).format(**fill) + "\n\n\nDISCUSSION\n\n" + " ".join(discussion).format(**fill) + "\n"
    return title, text


def measure(size: int) -> dict:
    """Extract a synthesised corpus of ``size`` papers in this process; time it and read the peak memory."""
    from kg.build import load_ontology
    from kg.config import Settings
    from kg.documents import Document
    from kg.extract.pipeline import Extractor

    papers = synthesise(size)
    started = time.perf_counter()
    extractor = Extractor(load_ontology(Settings.from_env()))
    statements = sentences = 0
    for n, (title, text) in enumerate(papers):
        document = Document(f"bench_{n:04d}", text, metadata={"title": title, "kind": "case report"})
        extraction = extractor.extract(document)
        statements += len(extraction.statements)
        sentences += len(document.sentences)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"papers": size, "sentences": sentences, "statements": statements, "seconds": round(seconds, 2),
            "papers_per_second": round(size / seconds, 1), "peak_mib": round(peak_mib, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(measure(args.worker)))
        return
    print(f"{'papers':>7}{'sentences':>11}{'statements':>12}{'seconds':>9}{'papers/s':>10}{'peak MiB':>10}")
    for size in args.sizes:
        result = subprocess.run([sys.executable, __file__, "--worker", str(size)], capture_output=True, text=True, check=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"{row['papers']:>7}{row['sentences']:>11}{row['statements']:>12}{row['seconds']:>9}{row['papers_per_second']:>10}{row['peak_mib']:>10}")


if __name__ == "__main__":
    main()
