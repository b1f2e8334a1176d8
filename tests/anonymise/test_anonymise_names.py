"""People's names: the forms they take in records, and words that only look like names."""
import pytest
from anonkit import errors

NAMES = [
    # title or rank + name
    ("PC Ahmed arrived first.", "Ahmed"),
    ("Mr Daniel Price made the complaint.", "Daniel Price"),
    ("DS Lena Hart reviewed the footage.", "Lena Hart"),
    ("Dr Okafor treated the injury.", "Okafor"),
    ("Mrs O'Neill had seen the post.", "O'Neill"),
    ("Sergeant Jones disagreed.", "Jones"),
    ("Insp. Harding reviewed it.", "Harding"),
    ("Detective Inspector Ruth Abbot led the review.", "Ruth Abbot"),
    ("Chief Constable Rob Nixon attended.", "Rob Nixon"),
    ("PC 2231 Evans took the statement.", "Evans"),
    ("MR DANIEL PRICE", "DANIEL PRICE"),
    ("Ms D'Souza asked for the footage.", "D'Souza"),
    # relation or naming word + first name
    ("She said her daughter Maya was frightened.", "Maya"),
    ("Later her son, Tom, admitted it.", "Tom"),
    ("The victim's brother Kyle posted the photo.", "Kyle"),
    ("her husband ryan had left", "ryan"),
    ("A man named Lewis told officers.", "Lewis"),
    ("A woman called Tracey rang.", "Tracey"),
    # full names, in every case and position
    ("Officers spoke to Daniel Price on Tuesday.", "Daniel Price"),
    ("officers spoke to daniel price on tuesday", "daniel price"),
    ("# Daniel Price", "Daniel Price"),
    ("Daniel Price's car was damaged.", "Daniel Price"),
    ("Anna-Marie Clarke-Hughes reported it.", "Anna-Marie Clarke-Hughes"),
    ("The post named Siobhan O'Brien.", "Siobhan O'Brien"),
    ("Statements from Kwame Mensah and Zofia Nowak.", "Zofia Nowak"),
    ("The driver, Oluwaseun Adeyemi, was unhurt.", "Oluwaseun Adeyemi"),
    ("The letter was signed J. Smith.", "J. Smith"),
    ("Yesterday Rebecca Lowe resigned.", "Rebecca Lowe"),
    ("Author CHRIS KEALEY, HEAD OF COMMUNICATIONS", "CHRIS KEALEY"),
    # first names that are also words, with a clear surname
    ("Bill Turner refused to comment.", "Bill Turner"),
    ("Officers spoke to Jack Smith at the scene.", "Jack Smith"),
    ("The page was run by Grace Okonkwo.", "Grace Okonkwo"),
    ("Grace Brown said she saw it.", "Grace Brown"),
    # a first name alone
    ("Declan posted the video an hour later.", "Declan"),
    # in Markdown and HTML that is published too
    ("<!-- check with Shona McAllister first -->", "Shona McAllister"),
    ("![Kyle Denton at the scene](photos/kyle-denton.jpg)", "Kyle Denton"),
    ("![A car](photos/kyle-denton.jpg)", "kyle-denton"),
    ("[statement](https://example.org/statements/hannah_lewis.pdf)", "hannah_lewis"),
    # plural ranks, brackets, initials
    ("Two officers, PCs Ali and Reeves, attended.", "Reeves"),
    ("Their son (Tom) was out.", "Tom"),
    ("The bag had the initials J.S. on it.", "J.S."),
    ("## Interview With PC Okafor About The Case", "Okafor"),
    # a surname alone, after "called", "known as" or a label
    ("A man called Hargreaves complained.", "Hargreaves"),
    ("The officer, known as Jones, posted.", "Jones"),
    ("Officer's name: Mensah.", "Mensah"),
    ("Surname: Bloggs. Forename: Kerry.", "Bloggs"),
    ("Her surname is Fothergill.", "Fothergill"),
]


@pytest.mark.parametrize("text, name", NAMES)
def test_name_is_an_error(rules, text, name):
    assert ("person-name", name) in errors(text, rules)


NOT_NAMES = [
    "WhatsApp, Instagram, Facebook, Twitter, X and TikTok were used.",
    "The Neighbourhood Watch group met.",
    "The Chief Constable and the Police and Crime Commissioner agreed.",
    "It was heard at Leicester Crown Court.",
    "The College of Policing and the Head of Communications.",
    "Residents in Leicester, Loughborough, Rutland and Leicestershire.",
    "Bill payments were missed.",
    "Jack-knifed lorries blocked the road.",
    "Dawn raids took place.",
    "Faith leaders met the panel.",
    "Summer patrols start soon.",
    "Joy riding is a risk.",
    "Chase cars were stood down.",
    "Will the panel publish its advice?",
    "Mark the date in your diary.",
    "Rose petals were left at the scene.",
    "Grace periods apply.",
    "Hope remains that she will return.",
    "Victor Charlie Two is the call sign.",
    "## Bill Payment Scams Target Older People",
    "Christian and Muslim groups attended.",
    "Officer A and Officer B gave statements; Mr G did not.",
    "Dr Who is a television programme.",
    "Officer Safety Training is mandatory.",
    "The Lord Mayor attended.",
    "Victor Hugo Road is not in this area.",
    "St John Ambulance volunteers helped.",
    "Victoria Park hosted the event.",
    "Sir Robert Peel's principles still guide policing.",
    "The Nolan Principles apply.",
    "An Amex card was stolen.",
    "Martin Luther King Day events were held.",
    "Storm Henk caused flooding.",
    "A Rutland village held a meeting.",
    "The victim's family want people to know who he is.",
    "They do not know the person's name, only their username.",
    "## Officer Wellbeing After Traumatic Incidents",
    "Joe Public expects officers to act.",
    # after "called" or a label: an app, a group, a place, an ordinary word
    "An app called Telegram was used; its name is Signal.",
    "A group called Leeds Lads shared it.",
    "The name of the group was hidden, and his name was not given.",
    "The name Operation Sceptre was used.",
    "Name: Ethics and Transparency Panel",
    "In the name of the law.",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_not_a_name(rules, text):
    assert [e for e in errors(text, rules) if e[0] == "person-name"] == []


def test_exception_text_may_include_the_title(rules):
    from portal.anonymise import check_text

    text = ("---\nanonymisation_exceptions:\n  - rule: person-name\n    text: PC Ahmed\n"
            "    reason: named in a published court report\n    reviewer: '@panel-chair'\n---\n"
            "PC Ahmed arrived first.\n")
    (finding,) = check_text(text, rules=rules)
    assert finding.accepted is not None
