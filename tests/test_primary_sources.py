"""Every source links to a primary place: the journal (a DOI), PubMed or PubMed Central, the
guideline body, a regulator or a government or health-service page. A link anywhere else needs a
plain reason in `link_exception`, and a primary link must not keep an old reason.

An exception is only for a page that its own publisher alone puts out (BMJ Best Practice, a
charity's or a provider's own page, a professional body's page for its own journal). A copy of
someone else's page is never an exception: staging copies, document mirrors, news sites, press
wires, trade magazines, theses and drug-information sites are refused by host and by the words of
the reason (issue 15, "Primary sources only")."""

import re
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from backpain_aid.evidence.models import Source
from backpain_aid.paths import DATA_DIR
from tests.conftest import read_rows

#: A DOI link: the journal's own record, whoever publishes it.
DOI_PREFIX = "https://doi.org/10."

#: Hosts that publish primary material. An entry also covers its subdomains (nhs.uk would cover
#: every NHS site, so local NHS bodies are listed one by one, by the host of their own site).
PRIMARY_HOSTS = frozenset(
    {
        # Indexes of the journal literature (US National Library of Medicine) and Cochrane.
        "pubmed.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "www.ncbi.nlm.nih.gov",
        "cochranelibrary.com",
        # Guideline bodies.
        "nice.org.uk",
        "who.int",
        "acpjournals.org",
        # Regulators and governments: GOV.UK (with the MHRA and its alerting system), the FDA,
        # the EU (with the EMA), the UK Parliament.
        "gov.uk",
        "fda.gov",
        "europa.eu",
        "parliament.uk",
        # National health services.
        "www.nhs.uk",
        "england.nhs.uk",
        "nhsinform.scot",
        "rightdecisions.scot.nhs.uk",  # NHS Scotland's decision-support platform
        "gettingitrightfirsttime.co.uk",  # GIRFT, an NHS England programme
        "cks.nhs.uk",  # NHS Clinical Knowledge Summaries before they moved to cks.nice.org.uk
        # The US National Library of Medicine's DailyMed, where FDA-approved labels and
        # Medication Guides are published.
        "dailymed.nlm.nih.gov",
        # A national regulator of an EU member state (Portugal's communications regulator).
        "anacom.pt",
        # Local NHS bodies publishing their own leaflets, pathways and referral guides.
        "royalfree.nhs.uk",  # Royal Free London NHS Foundation Trust
        "medicines.necsu.nhs.uk",  # NHS North of England Commissioning Support
        "rms.cornwall.nhs.uk",  # NHS Cornwall Referral Management Service
        "g-care.glos.nhs.uk",  # NHS Gloucestershire G-care
        "northerntrust.hscni.net",  # Northern Health and Social Care Trust (Northern Ireland)
        "merseycare.nhs.uk",  # Mersey Care NHS Foundation Trust
    }
)

#: Hosts that only ever copy, summarise or resell other people's pages: never a source, not even
#: with a reason. Each was once in sources.csv; an entry also covers its subdomains.
COPY_HOSTS = frozenset(
    {
        "parallelparliament.co.uk",  # copies of Hansard
        "fayllar.org",  # document mirror
        "dissertations.se",  # thesis abstracts
        "news.lt",
        "healthnewsdigest.com",
        "einpresswire.com",  # press wire
        "clinicaladvisor.com",  # trade magazine
        "independentpharmacist.co.uk",  # trade magazine
        "rnceus.com",  # nursing-course copies
        "szilardmolnar.com",  # personal site with copies
        "drugs.com",  # drug-information sites: the regulator's product information instead
        "mayoclinic.org",
        "safemedication.com",
    }
)

#: Host fragments that mark a staging, mirror or news site whatever the domain.
COPY_HOST_MARKS = ("staging", "preflight", "azurewebsites", "mirror", "news", "presswire")

#: Words in a reason (or in the publisher or authors) that say the page is not its publisher's own.
COPY_WORDS = re.compile(
    r"\bcop(?:y|ies|ied)\b|\bstaging\b|\bmirror|\bnews\b|press[- ]?wire|trade[- ]magazine"
    r"|\bthesis\b|\brepublished\b|\bdocument site\b|\bdrug[- ]information site",
    re.IGNORECASE,
)

#: A reason must say that the page is the publisher's own, or that it is published only there.
OWN_PUBLISHER = re.compile(r"\bown\b|\bonly\b", re.IGNORECASE)

#: The shortest plain reason a non-primary link may give.
MIN_REASON_LENGTH = 20


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_doi(url: str) -> bool:
    return url.startswith(DOI_PREFIX)


def is_primary(url: str) -> bool:
    host = host_of(url)
    return is_doi(url) or any(host == entry or host.endswith("." + entry) for entry in PRIMARY_HOSTS)


def is_copy_host(url: str) -> bool:
    host = host_of(url)
    listed = any(host == entry or host.endswith("." + entry) for entry in COPY_HOSTS)
    return listed or any(mark in host for mark in COPY_HOST_MARKS)


def exception_problem(source: Source) -> str | None:
    """Why a non-primary link may not stay even with a reason, or None."""
    if is_copy_host(source.doi_or_url):
        return f"{host_of(source.doi_or_url)} copies other people's pages: link the original"
    for field in ("link_exception", "publisher", "authors"):
        found = COPY_WORDS.search(getattr(source, field))
        if found:
            return f"{field} says the page is a {found.group(0)!r}: link the original"
    if not OWN_PUBLISHER.search(source.link_exception):
        return "link_exception must say the page is its publisher's own, published only there"
    return None


def link_problem(source: Source) -> str | None:
    """What is wrong with one source's link, or None."""
    primary = is_primary(source.doi_or_url)
    if primary and source.link_exception:
        return "primary link with a link_exception left over: empty it"
    if not primary and len(source.link_exception) < MIN_REASON_LENGTH:
        return (
            f"{host_of(source.doi_or_url) or source.doi_or_url} is not a primary place: link the DOI, "
            "PubMed or the publishing body, or say why not in link_exception "
            f"({MIN_REASON_LENGTH} characters or more)"
        )
    if not primary:
        return exception_problem(source)
    return None


def source(url: str, link_exception: str = "") -> Source:
    return Source(
        id="a_source",
        authors="Nobody A",
        year=2020,
        title="A title here",
        publisher="A publisher",
        doi_or_url=url,
        type="other",
        link_exception=link_exception,
    )


def test_every_row_of_sources_csv_is_checked(evidence):
    _, rows = read_rows(DATA_DIR / "sources.csv")
    assert [row["id"] for row in rows] == list(evidence.sources)


def test_every_source_links_to_a_primary_place_or_says_why(evidence):
    problems = {
        source_id: link_problem(item)
        for source_id, item in evidence.sources.items()
        if not is_primary(item.doi_or_url) and len(item.link_exception) < MIN_REASON_LENGTH
    }
    assert not problems, problems


def test_no_primary_link_keeps_an_exception(evidence):
    stale = [
        source_id
        for source_id, item in evidence.sources.items()
        if item.link_exception and is_primary(item.doi_or_url)
    ]
    assert not stale, f"primary links with a leftover link_exception: {stale}"


def test_no_source_is_a_copy_news_staging_mirror_or_trade_page(evidence):
    refused = {
        source_id: exception_problem(item)
        for source_id, item in evidence.sources.items()
        if not is_primary(item.doi_or_url) and exception_problem(item)
    }
    assert not refused, refused


def test_no_source_links_a_copy_host_even_with_a_reason(evidence):
    copies = [sid for sid, item in evidence.sources.items() if is_copy_host(item.doi_or_url)]
    assert not copies, copies


def test_every_exception_is_a_reason(evidence):
    short = {
        source_id: item.link_exception
        for source_id, item in evidence.sources.items()
        if item.link_exception and len(item.link_exception) < MIN_REASON_LENGTH
    }
    assert not short, short


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.1136/bmj.b3829",
        "https://pubmed.ncbi.nlm.nih.gov/20705870/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC558090",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC558090/",
        "https://www.nice.org.uk/guidance/ng59",
        "https://cks.nice.org.uk/topics/sciatica-lumbar-radiculopathy/",
        "https://www.gov.uk/drug-safety-update/corticosteroids-early-psychiatric-side-effects",
        "https://www.cas.mhra.gov.uk/ViewandAcknowledgment/ViewAlert.aspx?AlertID=103082",
        "https://www.fda.gov/drugs/drug-safety-and-availability",
        "https://www.ema.europa.eu/en/medicines",
        "https://www.nhsinform.scot/illnesses-and-conditions/muscle-bone-and-joints/conditions/sciatica",
        "https://royalfree.nhs.uk/patients-and-visitors/patient-information-leaflets/cauda-equina-syndrome",
        "https://www.merseycare.nhs.uk/sciatica",
        "https://api.fda.gov/drug/label.json?search=set_id%3A%22afd59273-75cb-5f33-e053-2995a90ab25f%22",
        "https://fda.gov/drugs/fda-drug-safety-podcasts/fda-warns-about-serious-breathing-problems",
        "https://dailymed.nlm.nih.gov/dailymed/medguide.cfm?setid=752d7078-6cc5-4cb8-b5d2-5fc0851320a4",
        "https://www.anacom.pt/render.jsp?contentId=779218",
    ],
)
def test_primary_places_pass(url):
    assert is_primary(url)
    assert link_problem(source(url)) is None


#: Links the sources gave before evidence 2026.12 (news, press wires, trade magazines, drug-information
#: sites, mirrors, copies, staging sites), and any host that calls itself a mirror.
COPY_LINKS = [
    "https://www.news.lt/Law-And-Order-Crime/Need-help-Dial-112.im?f=c&id=189320&p=12",
    "https://www.einpresswire.com/article/505358053/neurontin-gralise-horizant",
    "https://healthnewsdigest.com/2009/08/26/using-acetaminophen-safely-2/",
    "https://www.clinicaladvisor.com/home/evidence-based-medicine/most-sciatica-patients-recover-without-surgery/",
    "https://www.drugs.com/video/ibuprofen-warnings-precautions-168/",
    "http://www.mayoclinic.org/drugs-supplements/duloxetine-oral-route/precautions/drg-20067247",
    "https://www.safemedication.com/drug-library/a604030",
    "https://fayllar.org/inflammatory-back-pain-assessment-asas-expert-criteria.html",
    "https://www.parallelparliament.co.uk/question/257661/steroid-drugs-side-effects",
    "https://nhsinform-n1.azurewebsites.net/illnesses-and-conditions/muscle-bone-and-joints/conditions/sciatica",
    "https://sheffieldachespains-staging.preflight.site/conditions/back-pain/what-is-back-pain",
    "http://www.dissertations.se/dissertation/f905c7fb24/",
    "https://www.independentpharmacist.co.uk/cpd-modules/cpd-module-back-pain/pharmacological-management-605891",
    "http://www.rnceus.com/ages/FDA%20Public%20Health%20Advisory.htm",
    "https://szilardmolnar.com/?p=1100",
    "https://mirror.example.org/some/guideline.pdf",
]


@pytest.mark.parametrize(
    "url",
    [
        *COPY_LINKS,
        # A local hospital site not on the list, and look-alike hosts.
        "https://www.some-hospital.nhs.uk/leaflets/back-pain.pdf",
        "https://nice.org.uk.example.com/guidance/ng59",
        "https://fakenice.org.uk/guidance/ng59",
        "https://doi.org.example.com/10.1136/bmj.b3829",
        "https://doi.org/not-a-doi",
    ],
)
def test_news_mirror_and_copy_links_fail_without_a_reason(url):
    assert not is_primary(url)
    assert link_problem(source(url)) is not None


@pytest.mark.parametrize("url", COPY_LINKS)
def test_copy_hosts_fail_even_with_a_reason(url):
    assert is_copy_host(url)
    assert link_problem(source(url, "This is the publisher's own page, published only there.")) is not None


@pytest.mark.parametrize(
    "reason",
    [
        # The reasons these rows gave before evidence 2026.12: each marks a copy of someone else's page.
        "A staging copy of the NHS inform page; the live page was not found.",
        "A press-wire copy of the FDA MedWatch alert; the FDA's own page was not found.",
        "A news-site copy of a 2009 European Commission item; the Commission's own page was not found.",
        "A trade-magazine summary of Peul et al. 2007; the paper itself has a DOI.",
        "The figures were read in a thesis abstract; no DOI or PubMed record was found.",
        "A copy of the ASAS patient form on a document site; ASAS's own copy was not found.",
        "Text republished on a personal site; the FDA's own page was not found.",
        # And a reason that does not say the page is its publisher's own.
        "No better link was found for this page in the search.",
    ],
)
def test_an_exception_that_marks_a_copy_or_no_own_publisher_fails(reason):
    problem = link_problem(source("https://example.org/page", reason))
    assert problem is not None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (
            "https://bestpractice.bmj.com/topics/en-us/778",
            "BMJ Best Practice topics are published only on bestpractice.bmj.com; no DOI exists.",
        ),
        (
            "https://healthify.nz/health-a-z/s/sciatica",
            "A New Zealand health charity's own page, and the only publisher of it.",
        ),
        (
            "https://www.csp.org.uk/journal/article/physiotherapy-journal-march-2024/x",
            "The professional body's own page for a short communication in its own journal.",
        ),
    ],
)
def test_a_publishers_own_page_may_stay_with_a_reason(url, reason):
    assert link_problem(source(url, reason)) is None


def test_the_copy_lists_are_bare_lowercase_hosts_and_never_primary():
    for entry in COPY_HOSTS:
        assert entry == entry.lower().strip(".") and "/" not in entry and ":" not in entry, entry
        assert not is_primary(f"https://{entry}/page"), entry


def test_a_primary_link_with_a_leftover_exception_fails():
    leftover = source("https://doi.org/10.1136/bmj.b3829", "No primary link was found for it.")
    assert link_problem(leftover) is not None


def test_the_loader_refuses_a_reason_too_short_to_read():
    with pytest.raises(ValidationError, match="link_exception"):
        source("https://example.org/ibuprofen.html", "own page")


def test_the_allowlist_is_bare_lowercase_hosts():
    for entry in PRIMARY_HOSTS:
        assert entry == entry.lower().strip(".") and "/" not in entry and ":" not in entry, entry
