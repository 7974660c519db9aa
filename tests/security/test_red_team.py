"""Issue 15, acceptance 1: the insider findings of the red-team audit, each reproduced as it
was found and seen refused or detected: the second factor, one officer widening a confidential
attachment, acts recorded in others' names, the history chain (verify_history), tracking tokens,
Party items on the public docket, receipts, the admin, access on reopening, pending uploads and
the proxy's address. The process rules behind four eyes have their own tests in tests/process/.
"""

import datetime
import io
import logging
import os
import time
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from notices.models import Notice
from secretariat.logging import JsonFormatter, MaskingFormatter
from submissions import uploads
from submissions.models import AccessLogEntry, Document, Submission, Submitter
from submissions.storage import DocumentInput
from tests.factories import file_case, make_filing
from tests.filing.conftest import PDF
from tests.helpers_cases import drive
from tests.parties import SLUG, A, B
from tests.parties import name as party_name
from tests.portals.conftest import stored_pdf
from workflow import chain, services
from workflow.models import Deadline, Event

pytestmark = pytest.mark.django_db


# --- "Any officer can remove anyone's second factor, the Director's included" ----------------


def test_an_officer_cannot_reset_the_directors_second_factor(client, officer, director):
    TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    client.force_login(officer)
    response = client.post(reverse("otp_reset", kwargs={"pk": director.pk}))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=director, confirmed=True).count() == 1
    assert not Notice.objects.filter(message="second_factor_reset").exists()
    # Nor anyone else's: only the Director or an administrator resets.
    response = client.post(reverse("otp_reset", kwargs={"pk": officer.pk}))
    assert response.status_code == 403


# --- "Tracking tokens sit in URL paths, so they reach the access log and warning logs" ----------


def test_no_token_in_the_logs_or_urls_after_a_full_tracking_visit(client, officer, caplog):
    case = drive("awaiting_response").case
    membership = case.memberships.get()
    token = membership.tracking_token
    caplog.set_level(logging.DEBUG)

    entry = client.get(f"/en/track/{token}/")
    assert entry.status_code == 302
    page_url = entry["Location"]
    visited = [page_url]
    page = client.get(page_url)
    assert page.status_code == 200 and token not in page.content.decode()
    upload = SimpleUploadedFile("acta.pdf", PDF, content_type="application/pdf")
    added = client.post(
        page_url + "information/",
        {"information_added-note": "Acta.", "information_added-file_0": upload},
    )
    assert added.status_code == 302
    visited.append(added["Location"])
    withdraw = client.get(page_url + "withdraw/")
    assert withdraw.status_code == 200 and token not in withdraw.content.decode()
    count = Submission.objects.get().event_count
    done = client.post(page_url + "withdraw/", {"confirm": "on", "event_count": count})
    assert done.status_code == 302
    visited.append(done["Location"])
    # Staff revoke the link; the old link and the session's page now answer 404 (logged).
    staff = Client()
    staff.force_login(officer)
    staff.get(reverse("ws_case", kwargs={"pk": case.pk}))
    staff.post(
        reverse("ws_tracking_link", kwargs={"pk": case.pk, "membership_pk": membership.pk}),
        {"action": "revoke"},
    )
    assert client.get(f"/en/track/{token}/").status_code == 404
    assert client.get(page_url).status_code == 404

    assert all(token not in url for url in visited)
    assert Event.objects.filter(submission=case, kind="withdrawn").exists()
    assert caplog.records, "the visit logged nothing: the check below would prove nothing"
    assert any("Not Found" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        assert token not in record.getMessage(), record.name
        assert token not in JsonFormatter().format(record), record.name
        assert token not in MaskingFormatter().format(record), record.name
    assert AccessLogEntry.objects.exists()
    assert not AccessLogEntry.objects.filter(path__contains=token).exists()


# --- "Party receipts list documents the Party may not see" -------------------------------------


def _pdf(name, extra):
    buffer = io.BytesIO(PDF + extra)
    buffer.name = name
    return buffer


# Party A's own letter, in Spanish.
LETTER = {
    "us-peru-tpa": "Carta del Perú",
    "usmca-cec": "Carta de México",
    "cafta-dr": "Carta de Guatemala",
}[SLUG]
PUBLIC_LETTER = {
    "us-peru-tpa": "Carta pública del Perú",
    "usmca-cec": "Carta pública de México",
    "cafta-dr": "Carta pública de Guatemala",
}[SLUG]


def test_a_partys_receipt_lists_only_documents_the_party_may_see(client, a_focal):
    story = drive("awaiting_response")
    # An event in Party A's name carrying a Secretariat-only note beside A's own letter.
    event = story.add(
        "correspondence",
        author=f"party:{A}",
        title="Carta",
        documents_in=[
            DocumentInput(LETTER, "es", stored_pdf("carta.pdf"), "parties"),
            DocumentInput("Nota interna", "es", _pdf("nota.pdf", b"% nota"), "secretariat"),
        ],
    )
    secret = Document.objects.get(title="Nota interna")
    client.force_login(a_focal)
    url = reverse("party_receipt", kwargs={"pk": story.case.pk, "seq": event.seq})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert LETTER in html
    assert "Nota interna" not in html and secret.sha256 not in html
    assert [d.title for d in response.context["documents"]] == [LETTER]
    document = client.get(
        reverse("party_receipt_document", kwargs={"pk": story.case.pk, "seq": event.seq})
    )
    assert document.status_code == 200
    assert secret.sha256.encode() not in document.content


# --- "The admin lets a superuser edit titles, summaries, submitters' names, e-mails..." ----------

# The fields a service owns, per model: none may be an input of the admin's change form.
OWNED = {
    Submission: {
        "title_en", "title_es", "summary_en", "summary_es", "related", "stage",
        "closure_reason", "identifier", "registered_on", "chain_head", "event_count",
        "assigned_officer", "filed_on", "facts",
    },
    Submitter: {
        "name", "email", "identity_document", "confidential", "postal_address", "phone",
        "preferred_language", "nationality", "residence", "kind",
    },
    Document: {"title", "visibility", "sha256", "file", "language", "kind"},
    Event: {"kind", "data", "hash", "title", "note", "visibility", "on", "author"},
    Deadline: {"due_on", "state", "start_on", "kind"},
}  # fmt: skip


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.names.add(attrs.get("name"))


def test_no_admin_change_form_offers_an_owned_field(client, officer):
    story = drive("awaiting_response")
    story.add(
        "correspondence",
        documents_in=[DocumentInput("Carta", "es", stored_pdf(), "public")],
    )
    case = story.case
    objects = {
        Submission: case,
        Submitter: case.memberships.get().submitter,
        Document: case.documents.first(),
        Event: case.events.first(),
        Deadline: case.deadlines.first(),
    }
    root = type(officer).objects.create_superuser("root", "root@sem.example.org", "x")
    client.force_login(root)
    assert set(OWNED) <= set(admin.site._registry)
    for model, owned in OWNED.items():
        obj = objects[model]
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        response = client.get(url)
        assert response.status_code == 200, url
        parser = _Inputs()
        parser.feed(response.content.decode())
        assert not owned & parser.names, (model.__name__, owned & parser.names)
        # And a POST changes nothing.
        assert client.post(url, {"title_en": "Rewritten", "name": "Someone"}).status_code == 403
    case.refresh_from_db()
    assert case.title_en != "Rewritten"


# --- "A filing that fails validation leaves its valid files in media/pending/" ------------------


def test_a_stale_pending_upload_is_purged_and_a_fresh_one_kept(settings):
    settings.SEM_FILING_PENDING_MAX_AGE = 3600
    stale = uploads.stash(SimpleUploadedFile("viejo.pdf", PDF, content_type="application/pdf"))
    fresh = uploads.stash(SimpleUploadedFile("nuevo.pdf", PDF, content_type="application/pdf"))
    two_hours_ago = time.time() - 7200
    os.utime(default_storage.path(stale.stored_name), (two_hours_ago, two_hours_ago))

    out = io.StringIO()
    call_command("purge_pending_uploads", stdout=out)

    assert out.getvalue().strip() == "1 stale pending upload(s) deleted."
    assert not default_storage.exists(stale.stored_name)
    assert not os.path.exists(os.path.dirname(default_storage.path(stale.stored_name)))
    assert default_storage.exists(fresh.stored_name)
    assert uploads.from_token(fresh.token) is not None
    # The beat runs it.
    schedule = settings.CELERY_BEAT_SCHEDULE["uploads-purge-pending"]
    assert schedule["task"] == "submissions.housekeeping.purge_pending_uploads_task"
    fresh.delete()


# --- "Behind the README's proxy set-up every client has the proxy's address" --------------------


def test_five_bad_passwords_through_the_proxy_do_not_lock_out_another_client(
    client, settings, director
):
    settings.AXES_ENABLED = True
    settings.SEM_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def sign_in(password, client_address):
        return client.post(
            "/en/accounts/login/",
            {"username": "director", "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for _ in range(5):
        last = sign_in("wrong-password", "203.0.113.66")
    assert last.status_code == 429  # the attacker's address is locked out
    # The Director, through the same proxy from their own address, signs in.
    response = sign_in("a-long-test-password", "198.51.100.10")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(director.pk)
    # A forged left-hand entry does not choose the address: the proxy's own entry counts.
    client.logout()
    forged = sign_in("a-long-test-password", "198.51.100.10, 203.0.113.66")
    assert forged.status_code == 429


def test_the_filing_rate_limit_is_per_client_behind_the_proxy(client, settings):
    settings.SEM_TRUSTED_PROXY_COUNT = 1
    settings.SEM_FILING_RATE_LIMIT = 2
    from django.core.cache import cache

    cache.clear()

    def lost(address):
        return client.post(
            "/en/track/lost/",
            {"email": "nobody@example.org"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=address,
        )

    assert [lost("203.0.113.66").status_code for _ in range(3)] == [200, 200, 429]
    assert lost("198.51.100.10").status_code == 200


# --- "verify_history proves less than it says" (the keyed chain, workflow.chain) --------------


def _verify_history_errors():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_history", stderr=err, stdout=io.StringIO())
    return err.getvalue()


def _rechain(case, documents=True):
    """What an insider with the database but not the key does: recompute every hash of the case
    in order (under whatever rule the event now carries) and move the head."""
    prev = chain.GENESIS
    for event in Event.objects.filter(submission=case).order_by("seq"):
        event.prev_hash = prev
        event.hash = chain.hash_event(event, list(event.documents.all()))
        Event.objects.filter(pk=event.pk).update(
            prev_hash=event.prev_hash, hash=event.hash, key_id=event.key_id
        )
        prev = event.hash
    Submission.objects.filter(pk=case.pk).update(chain_head=prev)


def _annexed_case():
    story = drive("response_decision")
    story.add(
        "information_added",
        after=1,
        author="submitter",
        visibility="party_concerned",
        documents_in=[
            DocumentInput(
                title="Anexo confidencial",
                language="es",
                file=stored_pdf(),
                visibility="party_concerned",
                kind="annex",
            )
        ],
    )
    return story.case


def test_a_rewritten_event_with_recomputed_unkeyed_hashes_is_detected(settings):
    # The deployment introduced keys in 2020; this case was recorded since.
    settings.SEM_CHAIN_UNKEYED_BEFORE = "2020-01-01T00:00:00+00:00"
    case = drive("awaiting_response").case
    Event.objects.filter(submission=case, seq=3).update(note="Admitted without reasons.")
    Event.objects.filter(submission=case).update(key_id="")  # the unkeyed rule anyone can run
    _rechain(case)
    err = _verify_history_errors()
    assert (
        f"{case.reference}: event 1: carries no key although it was recorded after keys were "
        "introduced (rewritten with the unkeyed rule)"
    ) in err


def test_a_rewritten_event_rehashed_under_a_guessed_key_is_detected(settings):
    settings.SEM_CHAIN_KEYS = {"1": "the real key, kept in the environment"}
    case = drive("awaiting_response").case
    Event.objects.filter(submission=case, seq=3).update(note="Admitted without reasons.")
    settings.SEM_CHAIN_KEYS = {"1": "development-only-chain-key"}  # the insider's guess
    _rechain(case)
    settings.SEM_CHAIN_KEYS = {"1": "the real key, kept in the environment"}
    err = _verify_history_errors()
    assert f"{case.reference}: event 1: content changed after it was recorded" in err


def test_a_flipped_document_visibility_is_detected():
    case = _annexed_case()
    Document.objects.filter(submission=case, title="Anexo confidencial").update(visibility="public")
    err = _verify_history_errors()
    assert (
        f"{case.reference}: event 4: document “Anexo confidencial” is shown to “Public” but its "
        "events allow “Secretariat and the Party concerned”"
    ) in err


def test_an_unwithheld_submitter_is_detected():
    filed = file_case(
        on=datetime.date(2023, 3, 10),
        submitters=[
            services.SubmitterInput(
                kind="individual", name="Rosa Quispe", nationality=A, confidential=True
            ),
            services.SubmitterInput(kind="organization", name="Red Amazónica", nationality=A),
        ],
    )
    services.record_event(
        filed,
        "identity_withheld",
        actor=None,
        on=datetime.date(2023, 3, 12),
        data={"submitter": 1},
        importing=services.ImportOptions(),
    )
    Submitter.objects.filter(memberships__submission=filed).update(confidential=False)
    err = _verify_history_errors()
    assert (
        f"{filed.reference}: case: submitter 1's identity is public although it was withheld "
        "when filed"
    ) in err
    assert (
        f"{filed.reference}: case: submitter 2's identity is public although it was withheld "
        "by event 2"
    ) in err


def test_a_replaced_file_is_detected():
    case = _annexed_case()
    document = Document.objects.get(submission=case, title="Anexo confidencial")
    with default_storage.open(document.file.name, "wb") as handle:
        handle.write(PDF + b"% a page added afterwards\n")
    err = _verify_history_errors()
    assert (
        f"{case.reference}: event 4: the file of document “Anexo confidencial” was replaced "
        "(its SHA-256 differs from the one recorded)"
    ) in err


def test_a_stage_set_outside_the_process_is_detected():
    case = drive("awaiting_response").case
    Submission.objects.filter(pk=case.pk).update(stage="closed", closure_reason="withdrawn")
    err = _verify_history_errors()
    assert (
        f"{case.reference}: case: the case shows the stage “Closed” (Withdrawn) "
        "but its events lead to “Awaiting the Party's response” (no closure reason)"
    ) in err


def test_a_filing_date_set_outside_the_process_is_detected():
    """Walk 18 changed a case's filing date in the database: the docket showed the new date
    under the same chain hash, and no check said so."""
    case = drive("awaiting_response").case
    Submission.objects.filter(pk=case.pk).update(filed_on=datetime.date(2023, 1, 1))
    err = _verify_history_errors()
    assert (
        f"{case.reference}: case: the case shows it was filed on 1 January 2023 but its filing "
        "is dated 10 March 2023"
    ) in err


def test_a_public_title_set_outside_the_process_is_detected(officer):
    """The docket's title is the case row's: once the Secretariat has set it (an event in the
    chain), a title written into the row afterwards shows in the check."""
    case = drive("awaiting_response").case
    services.set_public_texts(case, actor=officer, title_en="Mining permits", reason="Docket")
    seq = case.events.count()
    Submission.objects.filter(pk=case.pk).update(title_en="Nothing to see")
    err = _verify_history_errors()
    assert (
        f"{case.reference}: case: the case's “Title in English” differs from the one recorded "
        f"by event {seq}"
    ) in err


def test_a_filed_title_changed_outside_the_process_is_detected(officer):
    """A case whose texts the Secretariat never set: its filing's digest of the title and
    summary is in the chain, so a title written into the row shows in the check; once the
    Secretariat sets texts of its own, those are what the row is compared with."""
    case = file_case(actor=officer)
    filed = Event.objects.get(submission=case, seq=1)
    assert filed.data["texts_sha256"] == case.texts_digest() and filed.data["party"] == A
    call_command("verify_history", stdout=io.StringIO())  # raises when a case is broken
    Submission.objects.filter(pk=case.pk).update(summary_en="Nothing to see")
    err = _verify_history_errors()
    assert (
        f"{case.reference}: case: the case's public title or summary differs from the ones "
        "filed (event 1)"
    ) in err
    case.refresh_from_db()
    services.set_public_texts(case, actor=officer, summary_en="Mining permits", reason="Docket")
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    assert "1 case(s) checked, 0 broken" in out.getvalue()


def test_a_party_or_identifier_changed_outside_the_process_is_detected(officer):
    """The Party concerned (on `filed`) and the identifier (on `acknowledged`) are in the
    chain: written into the row behind the process (the docket would show the case under
    another Party or at another address, under the same chain hash), the check says so."""
    from submissions.models import Party

    case = file_case(actor=officer)
    acknowledged = services.record_event(case, "acknowledged", actor=officer)
    case.refresh_from_db()
    assert acknowledged.data == {"identifier": case.identifier}
    call_command("verify_history", stdout=io.StringIO())  # raises when a case is broken
    reference = case.reference
    Submission.objects.filter(pk=case.pk).update(party=Party.objects.get(code=B))
    err = _verify_history_errors()
    assert f"{reference}: case: the case concerns {party_name(B)} but its filing (event 1) " in err
    assert f"recorded {party_name(A)}" in err
    Submission.objects.filter(pk=case.pk).update(
        party=Party.objects.get(code=A), identifier="SEM/XX/999/2023", slug="sem-xx-999-2023"
    )
    err = _verify_history_errors()
    assert (
        "the case shows the identifier SEM/XX/999/2023 but its acknowledgement (event 2) "
        f"assigned {case.identifier}"
    ) in err


def test_an_identifier_or_party_is_the_cases_own_or_refused(officer):
    case = file_case(actor=officer)
    # Live, the system assigns the identifier: a caller cannot give one.
    with pytest.raises(RuleViolation, match="assigned when the case is acknowledged"):
        services.record_event(
            case, "acknowledged", actor=officer, data={"identifier": "SEM/XX/001/2023"}
        )
    # An import's filing names the Party of its file.
    with pytest.raises(RuleViolation, match="records the Party the case concerns"):
        services.file_submission(
            make_filing(),
            actor=None,
            on=datetime.date(2023, 3, 10),
            importing=services.ImportOptions(),
            data={"party": B},
        )


def test_a_malformed_filing_digest_is_refused():
    for key, words in (
        ("texts_sha256", "digest of its texts"),
        ("laws_sha256", "digest of its laws"),
        ("submitters_sha256", "digest of its submitters"),
    ):
        with pytest.raises(RuleViolation, match=words):
            services.file_submission(
                make_filing(),
                actor=None,
                on=datetime.date(2023, 3, 10),
                importing=services.ImportOptions(),
                data={key: "not a digest"},
            )


def test_a_law_or_a_filers_name_changed_outside_the_process_is_detected(officer):
    """The laws at issue and the people who filed were in no event, so a name changed in the
    database (an environmental law renamed for every case citing it, a submitter renamed)
    left the chain intact. A filing now records their digests; the check compares them, and
    those who joined later (their names are in their own event) do not count."""
    from submissions.models import EnvironmentalLaw

    case = file_case(actor=officer)
    services.record_event(
        case,
        "submitters_joined",
        actor=officer,
        data={
            "submitters": [
                {"name": "Luz Paredes", "kind": "individual", "country": A, "confidential": False}
            ]
        },
    )
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    assert "1 case(s) checked, 0 broken" in out.getvalue()
    law = EnvironmentalLaw.objects.get(submissions=case)
    EnvironmentalLaw.objects.filter(pk=law.pk).update(name="Ley cualquiera")
    err = _verify_history_errors()
    assert f"{case.reference}: case: the laws at issue differ from the ones filed (event 1)" in err
    EnvironmentalLaw.objects.filter(pk=law.pk).update(name=law.name)
    filer = case.memberships.order_by("position").first().submitter
    Submitter.objects.filter(pk=filer.pk).update(name="Otra Asociación")
    err = _verify_history_errors()
    assert f"{case.reference}: case: the submitters differ from the ones who filed" in err
    Submitter.objects.filter(pk=filer.pk).update(name=filer.name, email="nueva@example.org")
    out = io.StringIO()
    call_command("verify_history", stdout=out)  # contact details are theirs to change
    assert "1 case(s) checked, 0 broken" in out.getvalue()


def test_renaming_a_user_breaks_nothing(officer):
    case = drive("admissibility_review").case
    services.record_event(
        case,
        "correspondence",
        actor=None,
        on=datetime.date(2023, 3, 20),
        title="Letter to the submitter",
        importing=services.ImportOptions(recorded_by=officer),
    )
    officer.username = "officer-renamed"
    officer.save()
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    assert "1 case(s) checked, 0 broken" in out.getvalue()
    assert Event.objects.get(submission=case, seq=3).recorded_by == officer


from tests.helpers_cases import frozen  # noqa: E402
from workflow.exceptions import RuleViolation, WorkflowError  # noqa: E402

# --- Nothing reaches the public without the Secretariat's act; access follows the process ------


def _public_page(case) -> str:
    return Client().get(reverse("docket_case", args=[case.slug])).content.decode()


def _text_change(case, event, to, actor, fields=("title", "note")):
    return services.record_event(
        case,
        "visibility_changed",
        actor=actor,
        data={
            "event": event.seq - 1,
            "fields": list(fields),
            "from": "parties" if to == "public" else "public",
            "to": to,
            "reason": "Revisión de la Secretaría.",
        },
    )


def test_a_partys_public_item_is_invisible_anonymously_until_published(
    client, a_focal, officer, director
):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(datetime.date(2023, 5, 20)):
        response = client.post(
            reverse("party_correspondence", kwargs={"pk": case.pk}),
            {
                "event_count": case.event_count,
                "subject": PUBLIC_LETTER,
                "message": "Texto para el expediente público.",
                "visibility": "public",
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    letter = Event.objects.filter(submission=case, kind="correspondence").latest("seq")
    assert (letter.visibility, letter.data) == ("parties", {"publish_requested": True})
    assert PUBLIC_LETTER not in _public_page(case)
    feed = Client().get(reverse("case_feed", args=[case.slug])).content.decode()
    assert f"{case.slug}/event/{letter.seq}<" not in feed
    # The officer's publication waits for the Executive Director (four eyes).
    with frozen(datetime.date(2023, 5, 21)):
        proposal = _text_change(case, letter, "public", officer)
    assert proposal.kind == "proposed"
    assert PUBLIC_LETTER not in _public_page(case)
    with frozen(datetime.date(2023, 5, 22)):
        services.approve_proposal(case, proposal.seq, actor=director)
    page = _public_page(case)
    assert PUBLIC_LETTER in page and "Texto para el expediente público." in page
    feed = Client().get(reverse("case_feed", args=[case.slug])).content.decode()
    assert f"{case.slug}/event/{letter.seq}<" in feed
    letter.refresh_from_db()
    assert letter.visibility == "parties"  # the hashed row never changed


def test_a_draft_comment_not_asked_public_is_never_published(officer):
    story = drive("draft_comment_period")
    comment = story.add("draft_commented", data={"party": A}, author=f"party:{A}", note="Obs.")
    with pytest.raises(RuleViolation) as error:
        _text_change(story.case, comment, "public", officer)
    assert error.value.rule == "event text: public or publish_requested"


def test_a_reopened_cases_earlier_portal_access_matches_the_events(client, a_focal, a_council):
    story = drive("factual_record_decision")
    case = story.case
    story.add("factual_record_notified", data={"outcome": "not_warranted"})
    client.force_login(a_council)
    assert client.get(reverse("council_case", kwargs={"pk": case.pk})).status_code == 200
    # The reopening undid the determination that told the Council: its access goes with it.
    story.add("reopened", data={"to_stage": "factual_record_decision", "reason": "Error."})
    assert story.stage == "factual_record_decision"
    assert client.get(reverse("council_case", kwargs={"pk": case.pk})).status_code == 404
    client.force_login(a_focal)  # the request still stands: the Party keeps its access
    assert client.get(reverse("party_case", kwargs={"pk": case.pk})).status_code == 200


def test_a_title_redacted_by_the_secretariat_leaves_the_docket_and_feed(client, officer):
    story = drive("response_decision")
    letter = story.add(
        "correspondence", title="Carta sobre Juan Pérez Rojas", note="Sin datos reservados."
    )
    assert "Juan Pérez Rojas" in _public_page(story.case)
    with frozen(datetime.date(2023, 5, 2)):
        redaction = _text_change(story.case, letter, "parties", officer, fields=["title"])
    assert redaction.kind == "visibility_changed"  # narrowing: at once
    page = _public_page(story.case)
    assert "Juan Pérez Rojas" not in page and "Sin datos reservados." in page
    for name in ("case_feed", "docket_feed"):
        kwargs = {"slug": story.case.slug} if name == "case_feed" else {}
        assert "Juan Pérez Rojas" not in Client().get(reverse(name, kwargs=kwargs)).content.decode()
    # Kept in the restricted history.
    letter.refresh_from_db()
    assert letter.title == "Carta sobre Juan Pérez Rojas"
    client.force_login(officer)
    workspace = client.get(reverse("ws_case", kwargs={"pk": story.case.pk}))
    assert "Carta sobre Juan Pérez Rojas" in workspace.content.decode()


def test_a_title_redacted_by_the_secretariat_leaves_the_api_and_public_export(officer):
    story = drive("response_decision")
    letter = story.add("correspondence", title="Carta sobre Juan Pérez Rojas")
    with frozen(datetime.date(2023, 5, 2)):
        _text_change(story.case, letter, "parties", officer, fields=["title"])
    api = Client().get(reverse("api_submission", args=[story.case.slug])).content.decode()
    out = io.StringIO()
    call_command("export_registry", stdout=out)
    assert "Juan Pérez Rojas" not in api
    assert "Juan Pérez Rojas" not in out.getvalue()


def test_staff_withhold_and_publish_an_events_text_from_the_case_page(client, officer, director):
    """The same decisions, made by a person: the workspace's visibility form names an event's
    title; withholding takes effect at once, publishing it again waits for the Director."""
    story = drive("response_decision")
    letter = story.add("correspondence", title="Carta sobre Juan Pérez Rojas")
    url = reverse("ws_action", kwargs={"pk": story.case.pk, "kind": "visibility_changed"})
    client.force_login(officer)
    with frozen(datetime.date(2023, 5, 2)):
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
        assert "Or the text of an event" in page
        story.case.refresh_from_db()
        # Neither a document nor an event: refused by the form, nothing recorded.
        count = story.case.event_count
        response = client.post(
            url, {"event_count": count, "visibility_changed-to": "parties", "reason": "x"}
        )
        assert "Choose a document, or the text of an event." in response.content.decode()
        assert Event.objects.filter(submission=story.case).count() == count
        response = client.post(
            url,
            {
                "event_count": story.case.event_count,
                "visibility_changed-event": letter.pk,
                "visibility_changed-fields_of_text": ["title"],
                "visibility_changed-to": "parties",
                "visibility_changed-reason": "Names a person.",
            },
        )
        assert response.status_code == 302
    assert "Juan Pérez Rojas" not in _public_page(story.case)
    withheld = Event.objects.get(submission=story.case, kind="visibility_changed")
    assert withheld.data == {
        "event": letter.seq - 1,
        "fields": ["title"],
        "from": "public",
        "to": "parties",
        "reason": "Names a person.",
    }
    with frozen(datetime.date(2023, 5, 3)):
        story.case.refresh_from_db()
        response = client.post(
            url,
            {
                "event_count": story.case.event_count,
                "visibility_changed-event": letter.pk,
                "visibility_changed-fields_of_text": ["title"],
                "visibility_changed-to": "public",
                "visibility_changed-reason": "The person agreed.",
            },
        )
        assert response.status_code == 302
        proposal = Event.objects.filter(submission=story.case).latest("seq")
        assert proposal.kind == "proposed"
        assert proposal.data["proposal"]["from"] == "parties"
        assert "Juan Pérez Rojas" not in _public_page(story.case)
        services.approve_proposal(story.case, proposal.seq, actor=director)
    assert "Juan Pérez Rojas" in _public_page(story.case)
    # The history of text decisions verifies (the replay reads documents only where named).
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    assert ", 0 broken" in out.getvalue()


def test_one_officer_cannot_widen_a_confidential_attachment_and_a_widening_waits(officer, director):
    """Finding: "One officer alone can make a submitter's confidential attachment public"."""
    story = drive("response_decision")
    story.add(
        "information_added",
        datetime.date(2023, 4, 12),
        author="submitter",
        documents_in=[
            DocumentInput(
                title="Anexo confidencial",
                language="es",
                file=SimpleUploadedFile("anexo.pdf", PDF),
                visibility="submitter",
            ),
        ],
    )
    story.add(
        "correspondence",
        datetime.date(2023, 4, 12),
        documents_in=[
            DocumentInput(
                title="Informe",
                language="es",
                file=SimpleUploadedFile("informe.pdf", PDF),
                visibility="secretariat",
            )
        ],
    )
    annex = Document.objects.get(title="Anexo confidencial")
    report = Document.objects.get(title="Informe")

    def widen(document, to):
        return services.record_event(
            story.case,
            "visibility_changed",
            actor=officer,
            data={
                "document": [document.event.seq - 1, document.position],
                "from": document.visibility,
                "to": to,
                "reason": "Publicar.",
            },
        )

    with frozen(datetime.date(2023, 4, 13)):
        with pytest.raises(RuleViolation):
            widen(annex, "public")
        annex.refresh_from_db()
        assert annex.visibility == "submitter"
        before = report.visibility
        proposal = widen(report, "public")
        assert proposal.kind == "proposed"
        report.refresh_from_db()
        assert report.visibility == before  # nothing until the Director approves


def test_an_officer_cannot_record_a_withdrawal_by_the_submitter_alone(officer):
    """Finding: "Officers record acts in others' names without evidence or approval"."""
    story = drive("awaiting_response")
    count = story.case.event_count
    with frozen(datetime.date(2023, 5, 20)):
        with pytest.raises(WorkflowError):
            services.record_event(story.case, "withdrawn", actor=officer)  # no letter
        story.case.refresh_from_db()
        assert story.case.event_count == count
        proposal = services.record_event(
            story.case,
            "withdrawn",
            actor=officer,
            documents_in=[
                DocumentInput(
                    title="Correo del remitente",
                    language="es",
                    file=SimpleUploadedFile("correo.pdf", PDF),
                )
            ],
        )
    story.case.refresh_from_db()
    assert proposal.kind == "proposed"
    assert story.case.stage == "awaiting_response"  # still open until the Director approves


def test_the_admin_offers_no_way_around_the_second_factor_reset():
    """django-otp's own admin pages let a superuser delete anyone's authenticator with no
    notice and no code: they are not offered; resets go through the accounts pages."""
    registered = {model.__name__ for model in admin.site._registry}
    assert "TOTPDevice" not in registered and "StaticDevice" not in registered
    assert "User" in registered  # the admin itself is still there
