"""The six dilemmas of the seed paper (Leicestershire, 28 March 2023), verbatim.

Each must get the themes a panel member would expect, and none that would be
plainly wrong. Only the scenario text is given: no title, no editor themes.
"""
import pytest

from portal.tagging import load_taxonomy, tag_record

DILEMMA_1 = (
    "An officer attends a report of a missing person, a teenager. They have left home saying "
    "they are not coming back as they don't want to get into trouble. The young person is not "
    "answering calls but is online on WhatsApp and reading messages from their mum, but she "
    "does not know what to say. The mum asks if the officer will tell her what to put in the "
    "message to encourage the teenager to return home. What should the officer do?"
)
DILEMMA_2 = (
    "There is a critical incident in Loughborough town. Hundreds of members of the public "
    "nearby are sharing messages including videos and photos about what has happened via "
    "Twitter, some of which the force's communications team is monitoring. Information and "
    "opinions are being shared which the police know to be factually wrong. How should the "
    "police respond?"
)
DILEMMA_3 = (
    "A neighbourhood officer is invited onto a Neighbourhood Watch WhatsApp group for one of "
    "the estates on their beat. They have used a work phone to access the group. Not everyone "
    "is aware that they are the local police officer. One evening while the officer is "
    "off-duty and about to go on annual leave, the officer sees a racist message in the group "
    "from one member about another resident. What should they do?"
)
DILEMMA_4 = (
    "A member of the public reports a very concerning Instagram post they have seen from "
    "someone they follow. They do not know the person's name, only their username, which they "
    "pass on to police in the report. This is the only identifying information the police "
    "have. The police would like to contact the username to speak further about the contents "
    "of the post. Should police use the corporate 'Leicestershire Police' account to try to "
    "make contact?"
)
DILEMMA_5 = (
    "A group of officers from the same station are in a WhatsApp group on their personal "
    "phones. They find it useful to coordinate things like covering each other's shifts and "
    "vehicle handovers. Local management are not aware of the group until they overhear it "
    "mentioned in the break room. What should management do?"
)
DILEMMA_6 = (
    "A violent sex offender has been convicted at Leicester Crown Court and has received a "
    "six-year custodial sentence. The media have requested his image, which the police hold. "
    "The victim's family want people to know who he is and want his image in the media and "
    "on Facebook. The perpetrator's young family still live at the same address in a Rutland "
    "village. What should the police do?"
)

# Themes that would be plainly wrong for any of the six: none involves force,
# a search power, a detainee or a protest.
NEVER = {"use-of-force", "stop-and-search", "custody", "public-order-and-protest"}

CASES = [
    pytest.param(DILEMMA_1, {"social-media", "vulnerability"}, set(),
                 NEVER | {"equality-and-hate", "integrity-and-conflicts", "workforce-wellbeing",
                          "open-justice", "surveillance-technology"},
                 id="1-missing-teenager-whatsapp"),
    pytest.param(DILEMMA_2, {"social-media", "public-communications"}, set(),
                 NEVER | {"professional-boundaries", "workforce-wellbeing", "open-justice",
                          "victims-and-families", "integrity-and-conflicts"},
                 id="2-critical-incident-misinformation"),
    pytest.param(DILEMMA_3, {"social-media", "equality-and-hate", "professional-boundaries"}, set(),
                 NEVER | {"open-justice", "surveillance-technology", "workforce-wellbeing",
                          "victims-and-families"},
                 id="3-racist-message-neighbourhood-watch"),
    pytest.param(DILEMMA_4, {"social-media", "covert-tactics"}, set(),
                 NEVER | {"equality-and-hate", "open-justice", "workforce-wellbeing",
                          "victims-and-families"},
                 id="4-instagram-username-corporate-account"),
    pytest.param(DILEMMA_5, {"social-media", "data-and-privacy"},
                 {"professional-boundaries", "speaking-up-and-culture", "integrity-and-conflicts"},
                 NEVER | {"equality-and-hate", "open-justice", "victims-and-families",
                          "workforce-wellbeing", "vulnerability"},
                 id="5-officers-whatsapp-personal-phones"),
    pytest.param(DILEMMA_6, {"open-justice", "victims-and-families"}, set(),
                 NEVER | {"equality-and-hate", "covert-tactics", "workforce-wellbeing",
                          "professional-boundaries"},
                 id="6-sex-offender-image-publicity"),
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize("text, required, one_of, forbidden", CASES)
def test_seed_dilemma_gets_the_themes_a_panel_member_expects(taxonomy, text, required, one_of, forbidden):
    result = tag_record(taxonomy, title="", summary="", body=text)
    given = set(result.themes)
    assert required <= given, f"missing {sorted(required - given)}; got {result.themes}"
    if one_of:
        assert one_of & given, f"expected one of {sorted(one_of)}; got {result.themes}"
    assert not (forbidden & given), f"plainly wrong: {sorted(forbidden & given)}"


@pytest.mark.parametrize("text, required, one_of, forbidden", CASES)
def test_every_automatic_theme_is_backed_by_evidence_from_the_text(taxonomy, text, required, one_of, forbidden):
    result = tag_record(taxonomy, title="", summary="", body=text)
    for theme in result.themes:
        evidence = result.evidence[theme]
        assert evidence, theme
        for item in evidence:
            assert item.where == "body"
            # The quoted term is a passage of the text, as written.
            assert " ".join(item.term.split()) in " ".join(text.split())


def test_a_custodial_sentence_is_not_police_custody(taxonomy):
    result = tag_record(taxonomy, title="", summary="", body=DILEMMA_6)
    assert "custody" not in result.themes
