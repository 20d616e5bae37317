"""Rebuild the derived resource files of :mod:`territoire_lab.clean` (maintainers only).

Run once, offline, in an environment where the two *build-time* packages are installed::

    pip install "emoji==2.16.0" "wordfreq==3.1.1"
    python territoire_lab/resources/build_resources.py

Neither package is needed at run time: the files below ship with territoire_lab.

``emoji_fr.tsv``
    Every fully-qualified emoji of the ``emoji`` package (BSD licence, data from the
    Unicode CLDR, Unicode License v3) with its French CLDR short name, one ``emoji<TAB>name``
    a line, the name in lower case with spaces (``😍	visage souriant avec yeux en forme de
    cœur``).
``wordfreq_fr.tsv``
    The 60,000 most frequent French words of ``wordfreq`` 3.1.1 (Robyn Speer; word lists
    built from Wikipedia, subtitles, news, books, web text, Twitter and Reddit), with their
    Zipf frequency times 100 as an integer, one ``word<TAB>zipf100`` a line. Only words
    made of letters, apostrophes and hyphens are kept. The data is under CC BY-SA 4.0 (see
    ``LICENSE_wordfreq_Apache-2.0.txt`` and README.md): this file is a derived work and
    stays under CC BY-SA 4.0.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
N_WORDS = 60_000
_WORD = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")


def build_emoji(path: Path) -> int:
    """Write ``emoji<TAB>french name`` for every fully-qualified emoji."""
    import emoji

    emoji.config.load_language("fr")
    rows = []
    for char, data in emoji.EMOJI_DATA.items():
        name = data.get("fr")
        if not name or data.get("status") != emoji.STATUS["fully_qualified"]:
            continue
        name = name.strip(":").replace("_", " ").lower()
        rows.append(f"{char}\t{name}")
    rows.sort()
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def build_wordfreq(path: Path) -> int:
    """Write the ``N_WORDS`` most frequent French words with Zipf x 100."""
    import wordfreq

    rows = []
    for word in wordfreq.iter_wordlist("fr", wordlist="best"):
        if not _WORD.match(word):
            continue
        rows.append(f"{word}\t{round(wordfreq.zipf_frequency(word, 'fr') * 100)}")
        if len(rows) == N_WORDS:
            break
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    n_emoji = build_emoji(HERE / "emoji_fr.tsv")
    n_words = build_wordfreq(HERE / "wordfreq_fr.tsv")
    print(f"emoji_fr.tsv: {n_emoji} emojis; wordfreq_fr.tsv: {n_words} words")
