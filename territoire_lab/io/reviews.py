"""Review exports: Inside Airbnb ``reviews.csv``, TripAdvisor, Google Maps, Booking.

Mappings (source column -> corpus column):

* **Inside Airbnb** ``reviews.csv``: ``id`` -> ``doc_id``; ``comments`` -> ``text``
  (``""`` when the file has no comments); ``date`` -> ``created_at`` (a day, read as
  Europe/Paris midnight); ``reviewer_id`` -> ``author_id``; ``listing_id`` kept;
  ``url`` = ``https://www.airbnb.com/rooms/<listing_id>``; ``rating`` kept when present.
* **Google Maps** (scraper exports such as Apify's): ``reviewId`` -> ``doc_id``;
  ``text``; ``publishedAtDate`` -> ``created_at``; ``name`` -> ``author_id``; ``stars``
  -> ``rating``; ``likesCount`` -> ``likes``; ``title`` -> ``place_name``; ``reviewUrl``
  -> ``url``.
* **TripAdvisor**: ``id`` -> ``doc_id``; ``title`` + blank line + ``text`` -> ``text``;
  ``publishedDate`` -> ``created_at``; ``user/username`` -> ``author_id``; ``rating``;
  ``helpfulVotes`` -> ``likes``; ``placeInfo/name`` -> ``place_name``; ``url``.
* **Booking**: ``id`` -> ``doc_id``; ``reviewTitle``, ``likedText`` and ``dislikedText``
  joined by blank lines -> ``text``; ``reviewDate`` -> ``created_at``; ``userName`` ->
  ``author_id``; ``rating`` (out of 10) / 2 -> ``rating``; ``hotelName`` -> ``place_name``.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["REVIEW_FORMATS", "detect_review_format", "map_reviews"]

#: format -> columns that identify it
REVIEW_FORMATS: dict[str, set[str]] = {
    "airbnb": {"listing_id", "id", "date", "reviewer_id"},
    "google_maps": {"reviewId", "publishedAtDate", "stars"},
    "tripadvisor": {"id", "publishedDate", "rating", "user/username"},
    "booking": {"id", "reviewDate", "likedText", "dislikedText"},
}


def detect_review_format(columns: list[str]) -> str | None:
    """Name of the review export whose identifying columns are all present."""
    cols = set(columns)
    for fmt, needed in REVIEW_FORMATS.items():
        if needed <= cols:
            return fmt
    return None


def _col(raw: pd.DataFrame, name: str) -> pd.Series:
    if name in raw.columns:
        return raw[name].astype("string")
    return pd.Series(pd.NA, index=raw.index, dtype="string")


def _join(*parts: pd.Series) -> pd.Series:
    frame = pd.concat(parts, axis=1).astype(object)
    return frame.apply(lambda r: "\n\n".join(str(v) for v in r if isinstance(v, str)), axis=1)


def map_reviews(raw: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Map a review table (text cells) of format ``fmt`` to contract columns.

    Columns not used by the mapping are kept as they are.
    """
    if fmt == "airbnb":
        used = {"id", "comments", "date", "reviewer_id"}
        mapped = pd.DataFrame(
            {
                "doc_id": raw["id"],
                "platform": "airbnb",
                "text": _col(raw, "comments").fillna(""),
                "created_at": raw["date"],
                "author_id": raw["reviewer_id"],
                "url": "https://www.airbnb.com/rooms/" + raw["listing_id"].astype("string"),
            }
        )
    elif fmt == "google_maps":
        used = {"reviewId", "text", "publishedAtDate", "name", "stars", "likesCount", "title"}
        used.add("reviewUrl")
        mapped = pd.DataFrame(
            {
                "doc_id": raw["reviewId"],
                "platform": "google_maps",
                "text": _col(raw, "text").fillna(""),
                "created_at": raw["publishedAtDate"],
                "author_id": _col(raw, "name"),
                "rating": raw["stars"],
                "likes": _col(raw, "likesCount"),
                "place_name": _col(raw, "title"),
                "url": _col(raw, "reviewUrl"),
            }
        )
    elif fmt == "tripadvisor":
        used = {"id", "title", "text", "publishedDate", "user/username", "rating"}
        used |= {"helpfulVotes", "placeInfo/name", "url"}
        mapped = pd.DataFrame(
            {
                "doc_id": raw["id"],
                "platform": "tripadvisor",
                "text": _join(_col(raw, "title"), _col(raw, "text")),
                "created_at": raw["publishedDate"],
                "author_id": _col(raw, "user/username"),
                "rating": raw["rating"],
                "likes": _col(raw, "helpfulVotes"),
                "place_name": _col(raw, "placeInfo/name"),
                "url": _col(raw, "url"),
            }
        )
    elif fmt == "booking":
        used = {"id", "reviewTitle", "likedText", "dislikedText", "reviewDate", "userName"}
        used |= {"rating", "hotelName"}
        rating = pd.to_numeric(_col(raw, "rating").str.replace(",", ".").astype(object))
        mapped = pd.DataFrame(
            {
                "doc_id": raw["id"],
                "platform": "booking",
                "text": _join(
                    _col(raw, "reviewTitle"), _col(raw, "likedText"), _col(raw, "dislikedText")
                ),
                "created_at": raw["reviewDate"],
                "author_id": _col(raw, "userName"),
                "rating": rating / 2,
                "place_name": _col(raw, "hotelName"),
            }
        )
    else:
        raise ValueError(f"unknown review format {fmt!r}; known: {sorted(REVIEW_FORMATS)}")
    rest = raw[[c for c in raw.columns if c not in used and c not in mapped.columns]]
    return pd.concat([mapped, rest], axis=1)
