"""Content languages and the report's language are chosen by the languages' own names,
never typed as codes; values already stored keep working, an unknown code is kept."""

from carnet.networks.forms import NetworkCreateForm, NetworkForm
from carnet.reports.forms import ReportForm
from carnet.reports.models import Report

from ..factories import NetworkFactory


def test_the_languages_are_ticked_by_their_own_names(db):
    html = str(NetworkCreateForm()["languages"])
    assert 'type="checkbox"' in html and 'value="sq"' in html
    assert "Shqip (Albanian)" in html and "Français (French)" in html
    assert dict(NetworkCreateForm().fields["languages"].choices)["en"] == "English"


def test_a_new_network_starts_with_english_ticked(db):
    assert NetworkCreateForm()["languages"].value() == ["en"]


def test_the_languages_already_chosen_keep_their_order_and_new_ones_follow(db):
    network = NetworkFactory(languages="sq, en")
    form = NetworkForm(
        {"name": network.name, "description": "", "languages": ["en", "fr", "sq", "ar"]},
        instance=network,
    )
    assert form.is_valid(), form.errors
    # Albanian stays first (the main language); the new ones follow in the list's order,
    # by own name: Français before العربية.
    assert form.cleaned_data["languages"] == "sq, en, fr, ar"


def test_a_code_from_old_data_is_shown_ticked_and_kept(db):
    network = NetworkFactory(languages="en, xx-old")
    form = NetworkForm(instance=network)
    assert form["languages"].value() == ["en", "xx-old"]
    html = str(form["languages"])
    # The languages already chosen come first, in their order, so they show without scrolling.
    assert 'value="en" id="id_languages_0" checked>\n English</label>' in html
    assert 'value="xx-old" id="id_languages_1" checked>\n xx-old</label>' in html
    kept = NetworkForm(
        {"name": network.name, "description": "", "languages": ["en", "xx-old"]}, instance=network
    )
    assert kept.is_valid() and kept.cleaned_data["languages"] == "en, xx-old"


def test_a_typed_code_is_refused(db):
    network = NetworkFactory(languages="en")
    form = NetworkForm(
        {"name": network.name, "description": "", "languages": ["klingon"]}, instance=network
    )
    assert not form.is_valid()
    assert form.errors["languages"] == [
        "Select a valid choice. klingon is not one of the available choices."
    ]


def test_at_least_one_language_is_needed(db):
    network = NetworkFactory(languages="en")
    form = NetworkForm({"name": network.name, "description": ""}, instance=network)
    assert form.errors["languages"] == ["This field is required."]


def test_the_reports_language_is_chosen_by_its_own_name(db):
    html = str(ReportForm()["language"])
    assert "<select" in html and '<option value="fr">Français (French)</option>' in html
    assert '<option value="en" selected>English</option>' in html


def test_the_reports_old_language_code_stays_a_choice(db):
    form = ReportForm(instance=Report(language="xx-old"))
    assert '<option value="xx-old" selected>xx-old</option>' in str(form["language"])
