"""The load `make load` runs (tests/load/run.py starts the servers): people filing submissions
through the public form while others browse the docket, its case pages and the API.

A quarter of the users file: each opens the form, spends 15 to 45 seconds filling it in, sends
it, and starts another after 5 to 15 seconds (about two filings a second with 200 users: far
more than a Secretariat receives in a year, all in a minute). The others read, a page every 0.5
to 2 seconds."""

import random
import re
import uuid

import gevent
from locust import HttpUser, between, task

FILLING_IN_SECONDS = (15, 45)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CASE = re.compile(r'href="(/en/docket/sem-[a-z]{2}-\d{3,}-\d{4}/)"')


def filing(token: str) -> dict:
    mark = uuid.uuid4().hex[:8]
    return {
        "csrfmiddlewaretoken": token,
        "s0-kind": "organization",
        "s0-name": f"Asociación de carga {mark}",
        "s0-nationality": "PE",
        "s0-residence": "",
        "s0-postal_address": "Jr. Lima 123, Iquitos",
        "s0-email": f"carga-{mark}@example.org",
        "s0-phone": "",
        "s0-preferred_language": "es",
        "s1-preferred_language": "es",
        "s2-preferred_language": "es",
        "s3-preferred_language": "es",
        "f-party": "PE",
        "f-language": "es",
        "f-title": f"Tala ilegal en Loreto {mark}",
        "f-law_0_name": "Ley Forestal y de Fauna Silvestre (Ley N.° 29763)",
        "f-law_0_provisions": "Art. 2",
        "f-facts": "Se tala sin permiso en la cuenca del Nanay desde 2022.",
        "f-authorities_communication": "Carta al SERFOR del 3 de marzo de 2023.",
        "f-relies_on_media_only": "no",
        "f-declaration": "on",
        "f-website": "",
    }


class Filer(HttpUser):
    """Files a submission: the form, then the post that redirects to the receipt."""

    weight = 1
    wait_time = between(5, 15)

    @task
    def file(self):
        form = self.client.get("/en/file/", name="/en/file/ (form)")
        match = CSRF.search(form.text)
        if not match:
            form.failure("no CSRF token on the filing form")
            return
        gevent.sleep(random.uniform(*FILLING_IN_SECONDS))  # noqa: S311 (not security)
        with self.client.post(
            "/en/file/", data=filing(match.group(1)), name="/en/file/ (post)", catch_response=True
        ) as response:
            if "/file/receipt/" not in response.url:
                response.failure(f"not filed: ended at {response.url}")


class Reader(HttpUser):
    """Browses the docket: the list, a search, a case page, the API and the feed."""

    weight = 3
    wait_time = between(0.5, 2)

    @task(3)
    def docket(self):
        page = self.client.get("/en/docket/")
        cases = CASE.findall(page.text)
        if cases:
            self.client.get(cases[len(cases) // 2], name="/en/docket/<case>/")

    @task
    def search(self):
        self.client.get("/es/docket/?q=bosque", name="/es/docket/?q=")

    @task
    def api(self):
        self.client.get("/api/v1/submissions/")

    @task
    def home(self):
        self.client.get("/en/")
