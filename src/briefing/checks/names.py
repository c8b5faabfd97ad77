"""Whether two spellings are one name: consonant skeletons, derived forms and transliteration slips."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache


# Endings that derive a word from a whole name: its people or adjective (Libya+n, Iraq+i, Japan+ese,
# Canada+ian once its final vowel goes), its creed (Sikh+ism, Buddh+ist), a follower (Brexit+eer), a
# plural or an agent (Londoner). A name with letters dropped and nothing added is a truncation, never
# a derivation: Spiet for Spieth, Niger (another country) for Nigeria, Greenland for Greenlander (#23).
_WHOLE_NAME_TAILS = frozenset(
    "s es n ns an ans ian ians ean eans ese i is ic ics er ers ern ish ism ist ists ite ites al ial "
    "eer eers ine ines".split())
# After a final vowel or -y is dropped (Canada/Canadian, Italy/Italian, Mexico/Mexican, Buddha/Buddhism)
# only an ending that starts with a vowel derives a word; Hungari for Hungary is a slip.
_VOWEL_TAILS = frozenset("an ans ian ians ean eans ese ic ics ism ist ists ite ites ine ines".split())
_SIBLING_TAILS = _WHOLE_NAME_TAILS - {"s", "es", "n", "ns", "i", "is"}


def derived_form(base: str, word: str) -> bool:
    """Whether ``word`` is a derived or inflected form of ``base`` (Canada/Canadian, China/Chinese,
    Libya/Libyan, Sikhs/Sikhism), told by their common stem and a derivational ending.

    The stem is the whole name, or the name less a final vowel, -y, plural -s or Latin or Greek -as, -es,
    -us, -um before an ending that starts with a vowel (Italy/Italian, Sikhs/Sikhism, Pythagorean), or
    Texas less its -s before -n (Texan). A word that only drops letters (Niger for Nigeria, Spiet for
    Spieth) or swaps the last ones (Spies for Spieth, Hungari for Hungary) is not derived. Irregular
    adjectives (Spanish, Dutch) are ``demonym_pair``'s.
    """
    a, b = base.lower(), word.lower()
    if a == b:
        return False
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    if prefix < 4 and prefix < min(len(a), len(b)):
        return False
    removed, added = a[prefix:], b[prefix:]
    if not added:
        return False
    if not removed:
        return added in _WHOLE_NAME_TAILS
    if removed == "s" and a.endswith("as") and added in ("n", "ns"):
        return True  # Texas/Texan
    if (len(removed) == 1 and removed in "aeiouys") or removed in ("as", "es", "us", "um"):
        return added in _VOWEL_TAILS  # Italy/Italian, Pythagoras/Pythagorean; a plural: Sikhs/Sikhism
    return False


def sibling_forms(a: str, b: str) -> bool:
    """Two words derived from one name by two endings (Greenlandic/Greenlander, Ecuadorian/Ecuadoran),
    neither derived from the other: the same stem of 4 letters or more and two different endings of
    two letters or more that are not plural endings (a slip turns -is into -es: Mathis/Mathes)."""
    la, lb = a.lower(), b.lower()
    prefix = 0
    for x, y in zip(la, lb):
        if x != y:
            break
        prefix += 1
    for cut in range(prefix, 3, -1):  # Ecuadorian/Ecuadoran share "ecuador" + "a": try the shorter stem
        ta, tb = la[cut:], lb[cut:]
        if ta != tb and ta in _SIBLING_TAILS and tb in _SIBLING_TAILS:
            return True
    return False


# Consonant skeletons: how a name sounds, roughly, on either side. Transliteration keeps consonants
# and loses vowels (윌로비 / Willoughby / Willowby all read L-P), so a skeleton tells a misspelt name
# (Peteman for Pittman) from a different word that happens to look alike (Island / Ireland, Colonels
# / Colonist next to 스타크).
_KO_INITIAL = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "S", "S", "S", "K", "T", "P", ""]
_KO_FINAL = ["", "K", "K", "K", "N", "N", "N", "T", "L", "L", "L", "L", "L", "L", "P", "L", "M", "P", "P",
             "T", "T", "N", "T", "T", "K", "T", "P", ""]
_EN_SOUNDS = [("ph", "P"), ("th", "T"), ("sh", "S"), ("ch", "S"), ("ck", "K"), ("gh", ""), ("ng", "N"),
              ("x", "KS"), ("c", "K"), ("g", "K"), ("q", "K"), ("k", "K"), ("d", "T"), ("t", "T"),
              ("b", "P"), ("p", "P"), ("f", "P"), ("v", "P"), ("l", "L"), ("r", "L"), ("m", "M"),
              ("n", "N"), ("s", "S"), ("z", "S"), ("j", "S")]


def _collapse(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The consonant skeleton of a Hangul or Latin name: 윌로비 and Willoughby are both LP."""
    out = []
    low = text.lower()
    i = 0
    while i < len(low):
        ch = low[i]
        if "가" <= ch <= "힣":
            code = ord(ch) - 0xAC00
            out.append(_KO_INITIAL[code // 588] + _KO_FINAL[code % 28])
            i += 1
            continue
        for src, dst in _EN_SOUNDS:
            if low.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            i += 1
    return _collapse("".join(out))


@lru_cache(maxsize=65536)
def sounds_alike(a: str, b: str) -> float:
    """Similarity (0-1) of two names' consonant skeletons; for a several-word ``a``, its best word."""
    sb = skeleton(b)
    if not sb:
        return 0.0
    parts = [a, *a.split()] if " " in a.strip() else [a]
    return max(SequenceMatcher(None, skeleton(p), sb, autojunk=False).ratio() for p in parts if skeleton(p))\
        if any(skeleton(p) for p in parts) else 0.0


def _spelling_variants(a: str, b: str) -> bool:
    """Willoughby/Willowby yes; Japan/Japanese, Canada/Canadian, These/Those no."""
    la, lb = a.lower(), b.lower()
    if la == lb or la[0] != lb[0] or min(len(la), len(lb)) < 4 or abs(len(la) - len(lb)) > 3:
        return False
    if derived_form(la, lb) or derived_form(lb, la) or sibling_forms(la, lb):
        return False  # a derived or inflected form
    ratio = SequenceMatcher(None, la, lb, autojunk=False).ratio()
    return ratio >= (0.85 if min(len(la), len(lb)) <= 5 else 0.75)


def different_lookalikes(only_i: set[str], only_j: set[str]) -> bool:
    """The two segments name two different, similar-looking things (오스트리아 / 오스트레일리아)."""
    for x in only_i:
        for y in only_j:
            if x[0] == y[0] and SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.5:
                return True
    return False


@lru_cache(maxsize=65536)
def spelling_slip(a: str, b: str) -> bool:
    """Whether two capitalised forms are one name with a transliteration slip (Willoughby/Willowby):
    near-miss spellings, neither derived from the other (Brexit/Brexiteer, Japan/Japanese), and not both
    established English words or names (Alan/Allan and Stephen/Steven are different people;
    Island/Ireland, Spanish/Spaniards), which wordfreq tells: a slip is rare in English text."""
    if not _spelling_variants(a, b):
        return False
    la, lb = a.lower(), b.lower()
    if la.startswith(lb) or lb.startswith(la):
        return False  # one is the other with a suffix: a derived word, not a slip
    if demonym_pair(a, b):
        return False
    return not (common_word(a) and common_word(b))


# A common word or name: wordfreq's Zipf frequency of at least 3 (once per million words). Willoughby
# is 3.1 and Willowby 0; Alan 4.5 and Allan 3.8 (two names), Island 5.0 and Ireland 4.7.
COMMON_ZIPF = 3.0


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (imported on first use): 3 is once per million
    words."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def common_word(word: str) -> bool:
    """Whether ``word`` is an established English word or name."""
    return zipf(word) >= COMMON_ZIPF


# Countries whose adjective or people are not derived by a regular ending (derived_form reads
# Canada/Canadian, China/Chinese): written by hand because the English side needs only these.
_DEMONYMS = {
    "spain": ("spanish", "spaniard", "spaniards"), "france": ("french", "frenchman", "frenchmen"),
    "netherlands": ("dutch",), "holland": ("dutch",), "norway": ("norwegian", "norwegians"),
    "britain": ("british", "briton", "britons", "brit", "brits"), "wales": ("welsh",),
    "greece": ("greek", "greeks"), "switzerland": ("swiss",), "denmark": ("danish", "dane", "danes"),
    "sweden": ("swedish", "swede", "swedes"), "finland": ("finnish", "finn", "finns"),
    "poland": ("polish", "pole", "poles"), "turkey": ("turkish", "turk", "turks"), "ireland": ("irish",),
    "scotland": ("scottish", "scot", "scots"), "england": ("english",), "iceland": ("icelandic", "icelander"),
    "thailand": ("thai", "thais"), "philippines": ("filipino", "filipinos", "philippine"),
    "peru": ("peruvian", "peruvians"), "portugal": ("portuguese",), "cyprus": ("cypriot", "cypriots"),
    "iraq": ("iraqi", "iraqis"), "yemen": ("yemeni", "yemenis"), "israel": ("israeli", "israelis"),
    "pakistan": ("pakistani", "pakistanis"), "bangladesh": ("bangladeshi",), "kuwait": ("kuwaiti",),
    "qatar": ("qatari",), "oman": ("omani",), "saudi arabia": ("saudi", "saudis"), "korea": ("korean",),
    "japan": ("japanese",), "vietnam": ("vietnamese",), "lebanon": ("lebanese",), "sudan": ("sudanese",),
    "madagascar": ("malagasy",), "monaco": ("monegasque",), "belgium": ("belgian", "belgians"),
    "croatia": ("croatian", "croat", "croats"), "serbia": ("serbian", "serb", "serbs"),
    "slovakia": ("slovak", "slovaks"), "czechia": ("czech", "czechs"), "czech republic": ("czech", "czechs"),
    "new zealand": ("kiwi", "new zealander", "new zealanders"), "afghanistan": ("afghan", "afghans"),
    "mexico": ("mexican", "mexicans"), "chile": ("chilean", "chileans"), "argentina": ("argentine", "argentinian"),
    "uzbekistan": ("uzbek", "uzbeks"), "kazakhstan": ("kazakh", "kazakhs"), "tajikistan": ("tajik",),
    "mongolia": ("mongolian", "mongol"), "china": ("chinese",), "taiwan": ("taiwanese",),
}
_DEMONYM_OF = {d: c for c, ds in _DEMONYMS.items() for d in ds}


def demonym_pair(a: str, b: str) -> bool:
    """Spain/Spanish, Norway/Norwegian, Spanish/Spaniards: a country and its adjective or people."""
    la, lb = a.lower(), b.lower()
    ca, cb = _DEMONYM_OF.get(la, la if la in _DEMONYMS else None), _DEMONYM_OF.get(lb, lb if lb in _DEMONYMS else None)
    return ca is not None and ca == cb and la != lb


def is_demonym_of(word: str, place: str) -> bool:
    """Norwegian of Norway, not Norway of Norwegian: which of a demonym pair is the place."""
    return _DEMONYM_OF.get(word.lower()) == place.lower()


def demonyms_of(name: str) -> tuple[str, ...]:
    """The irregular adjective and people of a country, or the country and its other forms for one of
    them, capitalised: Saudi Arabia → Saudi, Saudis; Dutch → Netherlands, Holland."""
    low = name.lower()
    country = _DEMONYM_OF.get(low, low if low in _DEMONYMS else None)
    if country is None:
        return ()
    forms = [country, *_DEMONYMS[country]] + [c for c, ds in _DEMONYMS.items() if c != country
                                               and set(ds) & set(_DEMONYMS[country])]
    return tuple(dict.fromkeys(" ".join(w.capitalize() for w in f.split()) for f in forms if f != low))
