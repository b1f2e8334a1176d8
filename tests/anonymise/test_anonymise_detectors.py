"""Each direct-identifier detector: the layouts people write, and look-alikes
that must pass. (People's names and quasi-identifiers have their own files.)"""
import pytest
from anonkit import errors, found

POSITIVES = [
    # email, plain and written out
    ("email", "Write to jane.doe@example.com today.", "jane.doe@example.com"),
    ("email", "Address: J.BLOGGS@EXAMPLE.CO.UK", "J.BLOGGS@EXAMPLE.CO.UK"),
    ("email", "reply to daz at example dot com", "daz at example dot com"),
    ("email", "lisa.k [at] example [dot] co [dot] uk", "lisa.k [at] example [dot] co [dot] uk"),
    ("email", "tommo(at)example(dot)net", "tommo(at)example(dot)net"),
    ("email", "jane.doe @ example.com", "jane.doe @ example.com"),
    ("email", "jane dot doe at example dot org", "jane dot doe at example dot org"),
    # UK phone numbers, including Ofcom drama ranges that phonenumbers rejects
    ("uk-phone", "Mobile 07700 900123.", "07700 900123"),
    ("uk-phone", "Ring 07700900987", "07700900987"),
    ("uk-phone", "Call +44 7700 900 321", "+44 7700 900 321"),
    ("uk-phone", "Tel (0116) 496 0733", "(0116) 496 0733"),
    ("uk-phone", "Home 0116-496-0789", "0116-496-0789"),
    ("uk-phone", "Office 020 7946 0158", "020 7946 0158"),
    ("uk-phone", "Dial +44 (0)20 7946 0789", "+44 (0)20 7946 0789"),
    ("uk-phone", "From abroad 0044 7700 900222", "0044 7700 900222"),
    ("uk-phone", "Mob. 07700.900.234", "07700.900.234"),
    ("uk-phone", "tel:+447700900123", "+447700900123"),
    # postcodes
    ("postcode", "Found near LE4 9HR.", "LE4 9HR"),
    ("postcode", "Postcode LE167XY", "LE167XY"),
    ("postcode", "sent to le4 5pd", "le4 5pd"),
    ("postcode", "London EC1A 1BB", "EC1A 1BB"),
    # street addresses
    ("street-address", "Officers went to 27 Tennyson Crescent.", "27 Tennyson Crescent"),
    ("street-address", "The flat at 3b Mill Lane was empty.", "3b Mill Lane"),
    ("street-address", "Flat 2, 39 Windermere Road", "Flat 2, 39 Windermere Road"),
    ("street-address", "She lives at 27a The Avenue.", "27a The Avenue"),
    # map locations
    ("map-location", "Coordinates 53.8008, -1.5491 were shared.", "53.8008, -1.5491"),
    ("map-location", "He was at 52.6386, -1.1317 by then.", "52.6386, -1.1317"),
    ("map-location", "dropped a pin: 52.63862,-1.13169", "52.63862,-1.13169"),
    ("map-location", "Found at 51.5074° N, 0.1278° W.", "51.5074° N, 0.1278° W"),
    ("map-location", "GPS 52.634, 1.297 in the log", "52.634, 1.297"),
    ("map-location", "The pin was at 53°48'03\"N 1°32'57\"W.", "53°48'03\"N 1°32'57\"W"),
    ("map-location", "Meet at ///filled.count.soap tonight.", "///filled.count.soap"),
    ("map-location", "Her what3words address was index.home.raft.", "index.home.raft"),
    ("map-location", "OS grid reference SE 29883 33456 was given.", "SE 29883 33456"),
    # National Insurance numbers
    ("national-insurance-number", "NI number AB 12 34 56 C", "AB 12 34 56 C"),
    ("national-insurance-number", "It was HS347129A.", "HS347129A"),
    ("national-insurance-number", "NINO: NP-02-58-47-C", "NP-02-58-47-C"),
    ("national-insurance-number", "national insurance no. RK 45 09 88", "RK 45 09 88"),
    ("national-insurance-number", "NI: jt 48 27 61 b", "jt 48 27 61 b"),
    # NHS numbers (mod 11)
    ("nhs-number", "NHS number 943 476 5919", "943 476 5919"),
    ("nhs-number", "on the letter: 186-091-3903", "186-091-3903"),
    ("nhs-number", "NHS No. 9378657974", "9378657974"),
    ("nhs-number", "NHS: 943.476.5919", "943.476.5919"),
    # vehicle registrations
    ("vehicle-registration", "A car, AB12 CDE, was seen.", "AB12 CDE"),
    ("vehicle-registration", "The van YH68XPB had false plates.", "YH68XPB"),
    ("vehicle-registration", "An old car, P372 KLM.", "P372 KLM"),
    ("vehicle-registration", "Plates reading ABC 123D.", "ABC 123D"),
    ("vehicle-registration", "reg ab12 cde", "ab12 cde"),
    # collar and warrant numbers
    ("police-number", "PC 1234 attended.", "PC 1234"),
    ("police-number", "PCSO 6512 spoke to them.", "PCSO 6512"),
    ("police-number", "Taken by DC4410.", "DC4410"),
    ("police-number", "Sgt 82 authorised it.", "Sgt 82"),
    ("police-number", "P.C. 4567 was there.", "P.C. 4567"),
    ("police-number", "His collar number 3307 shows.", "3307"),
    ("police-number", "warrant no. 123456 was quoted", "123456"),
    ("police-number", "Warrant card 123456 was shown.", "123456"),
    ("police-number", "The officer's badge number, 1234, was visible.", "1234"),
    ("police-number", "Her employee number is E123456.", "E123456"),
    # crime and incident references
    ("crime-reference", "Crime reference 23000123456.", "23000123456"),
    ("crime-reference", "Quote 23000987654 when you call.", "23000987654"),
    ("crime-reference", "See incident 123 of 28/03/2023.", "123 of 28/03/2023"),
    ("crime-reference", "log 56 of 3 May", "56 of 3 May"),
    ("crime-reference", "Crime number 12/3456/23", "12/3456/23"),
    ("crime-reference", "URN 20CM1234523", "20CM1234523"),
    ("crime-reference", "Ref: CR/2023/001234", "CR/2023/001234"),
    # custody records and PNC ids (check letter: see police.py)
    ("crime-reference", "Custody record 07/123456/22 was opened.", "07/123456/22"),
    ("crime-reference", "Custody number CU/2022/001234 was opened.", "CU/2022/001234"),
    ("crime-reference", "The PNC ID 22/123456A was checked.", "22/123456A"),
    ("crime-reference", "PNC: 2003/0012345N", "2003/0012345N"),
    ("crime-reference", "Records matched 98/765432G and no other.", "98/765432G"),
    # dates of birth
    ("date-of-birth", "DOB 01/02/1990", "01/02/1990"),
    ("date-of-birth", "born on 3 May 1987", "3 May 1987"),
    ("date-of-birth", "Date of birth: 14.07.1985", "14.07.1985"),
    ("date-of-birth", "D.O.B 12th Nov 1994", "12th Nov 1994"),
    ("date-of-birth", "Born on March 4, 2008", "March 4, 2008"),
    # bank details
    ("sort-code", "sort code 12-34-56", "12-34-56"),
    ("sort-code", "Sort code: 20 45 77", "20 45 77"),
    ("bank-account", "account number 12345678", "12345678"),
    ("bank-account", "a/c 55667788", "55667788"),
    # IBANs (mod 97)
    ("bank-account", "Her IBAN is GB82 WEST 1234 5698 7654 32.", "GB82 WEST 1234 5698 7654 32"),
    ("bank-account", "Paid to DE89370400440532013000 by transfer.", "DE89370400440532013000"),
    ("bank-account", "IBAN: NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00"),
    ("bank-account", "IBAN FR14 2004 1010 0505 0001 3M02 606.", "FR14 2004 1010 0505 0001 3M02 606"),
    # payment cards (Luhn)
    ("payment-card", "Card 4741 2154 7280 3857", "4741 2154 7280 3857"),
    ("payment-card", "Amex 3747 439575 51313", "3747 439575 51313"),
    ("payment-card", "5280841485253881 in the chat", "5280841485253881"),
    ("payment-card", "6011-3735-3799-0751", "6011-3735-3799-0751"),
    # passports and driving licences
    ("passport-number", "passport number 123456789", "123456789"),
    ("passport-number", "Her passport: GB1234567", "GB1234567"),
    ("driving-licence", "Licence MORGA753116SM9IJ.", "MORGA753116SM9IJ"),
    ("driving-licence", "DVLA: PATEL 804211 RK9XY", "PATEL 804211 RK9XY"),
    # IP addresses
    ("ip-address", "from 198.51.100.23 twice", "198.51.100.23"),
    ("ip-address", "IPv6 2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"),
    ("ip-address", "mapped ::ffff:192.0.2.128", "::ffff:192.0.2.128"),
    # social media
    ("social-handle", "replies from @leics_lad_99", "@leics_lad_99"),
    ("username", "his username was darkwolf_2007", "darkwolf_2007"),
    ("username", "User name: shadow_fox", "shadow_fox"),
    ("username", "a thread by u/throwaway_leics", "u/throwaway_leics"),
    ("username", "snapchat: kerry_b123", "kerry_b123"),
    ("username", "A Snapchat user called xx_kayleigh_xx messaged.", "xx_kayleigh_xx"),
    ("username", "The account dave_the_rave99 posted it on Twitter.", "dave_the_rave99"),
    ("username", "On X, the user jsmith1990 replied.", "jsmith1990"),
    ("username", "An Instagram profile named jess.m_x shared it.", "jess.m_x"),
    ("username", "the user 'kittykat' was blocked", "kittykat"),
    ("username", "Her Discord tag is kayleigh#1234.", "kayleigh#1234"),
    ("profile-url", "see facebook.com/daniel.price.77", "facebook.com/daniel.price.77"),
    ("profile-url", "https://www.instagram.com/jess.marlow.x/", "instagram.com/jess.marlow.x"),
    ("profile-url", "tiktok.com/@lena.hart", "tiktok.com/@lena.hart"),
    ("profile-url", "linkedin.com/in/sarah-okafor-123", "linkedin.com/in/sarah-okafor-123"),
]


@pytest.mark.parametrize("rule, text, identifier", POSITIVES,
                         ids=[f"{rule}-{i}" for i, (rule, _, _) in enumerate(POSITIVES)])
def test_identifier_is_an_error(rules, rule, text, identifier):
    assert (rule, identifier) in errors(text, rules)


LOOK_ALIKES = [
    "Traffic was held on the A6, the M1 and the M69.",
    "Roadworks on the A5199 and B4114 until June.",
    "## A6 AND M1 CLOSURES",
    "The app was updated to version 1.2.3, then v2.10.4.1.",
    "iOS 17.4.1 and Android 14.",
    "The meeting runs 10:00 – 12:00 on Tuesday.",
    "Spending rose from £1,250,000 to £1.4m in 2022/23.",
    "The Sexual Offences (Amendment) Act 1992, section 1, applies.",
    "Call 999 in an emergency, 101 otherwise, or 111 for health.",
    "HMRC's specimen QQ 12 34 56 C is not a real number.",
    "GB 12 34 56 A is never issued; neither is a number ending E: AB 12 34 56 E.",
    "The code 563 212 2330 fails the NHS check.",
    "Order 4022 2791 8058 8870 fails the card check.",
    "The subnet mask 255.255.255.0 was used.",
    "Meet @ 10 by the entrance.",
    "Form MG11 and exhibit JB/1.",
    "The 10-12-2023 deadline was missed.",
    "In 2022 Station Road was resurfaced.",
    "The report cites 3 Crown Court cases.",
    "Officer 2 and Officer 3 gave evidence.",
    "The username field was blank.",
    "Sort code checks are done by the bank.",
    "The account of events was disputed by 2 witnesses.",
    "ISO 27001 and Windows 11 laptops.",
    "07700 900 12 is an incomplete number.",
    "Our reference 2023/45 is on the letter.",
    "The postcode district LE1 covers the city centre.",
    "Follow @leicspolice for updates, or facebook.com/leicspolice.",
    "Crimestoppers: 0800 555 111.",
    # usernames: English words after "user" and "account" are not names
    "The account holder was told; the user was banned.",
    "An account called for calm, and the user said no.",
    "A user named in the report complained.",
    "The user 'said' nothing.",
    "Take the user e.g. a victim into account 3.2 times; the account 2fa was on.",
    "The account example.com was blocked; the profile v1.2 loaded at 10am.",
    "Issue#1234 was closed.",
    # collar, warrant and staff numbers
    "Staff 12 officers were on duty.",
    "Warrant card holders must carry them.",
    "The badge number was not visible.",
    # custody records and PNC ids
    "The PNC 2023 checks and a custody record review found 12 issues.",
    "The code 22/123456B fails the check letter.",
    # IBANs
    "Her IBAN GB83 WEST 1234 5698 7654 32 has a wrong check digit.",
    "Codes AB12 CDEF 3456 7890 and XY99 ABCD 1234 were printed.",
    # map locations
    "Prices were £53.80, £1.54 and £2.00.",
    "A rise of 12.345, 6.789 in the index.",
    "Figures were 1.2345, 2.3456, 3.4567 in the table.",
    "The correlation was 0.4123, -0.2345.",
    "It was late... very late... at 10.30, 11.45.",
    "Version 3.2.1 shipped; the score was 3-1.",
    "The temperature was 20°C at 10:30.",
    "Our grid reference system changed; the map scale is 1:25000.",
    "The what3words app is popular with walkers.",
    "See file:///home/report.pdf for details.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_is_not_an_error(rules, text):
    assert errors(text, rules) == []


def test_organisation_phone_numbers_are_only_warnings(rules):
    assert found("Call 0300 123 4567 for the council.", rules) == [
        ("uk-phone", "warning", "0300 123 4567")]


def test_two_numbers_written_together_are_both_found(rules):
    assert errors("Ring 07700 900 456/07700 900 457", rules) == [
        ("uk-phone", "07700 900 456"), ("uk-phone", "07700 900 457")]


def test_identifier_inside_a_larger_one_is_reported_once(rules):
    # The name in the profile link is part of the link, not a second finding.
    assert errors("See facebook.com/daniel.price.77 for the post.", rules) == [
        ("profile-url", "facebook.com/daniel.price.77")]


def test_date_of_birth_is_not_also_reported_as_a_date(rules):
    assert [rule for rule, _, _ in found("She was born on 3 May 1987.", rules)] == ["date-of-birth"]
