from fieldkit import geo


def test_eighteen_regions_and_101_departements():
    assert len(geo.regions()) == 18
    assert len(geo.departements()) == 101
    assert {d.region for d in geo.departements()} == {r.code for r in geo.regions()}
    assert len(geo.departements("76")) == 13  # Occitanie
    assert geo.region("53").name == "Bretagne"
    assert geo.departement("2a").name == "Corse-du-Sud"
    assert geo.departement("1").name == "Ain"


def test_postcodes():
    assert geo.departement_for_postcode("34500").code == "34"
    assert geo.departement_for_postcode("01000").code == "01"
    assert geo.departement_for_postcode("20090").code == "2A"
    assert geo.departement_for_postcode("20600").code == "2B"
    assert geo.departement_for_postcode("97300").code == "973"
    assert geo.departement_for_postcode("97600").code == "976"
    assert geo.departement_for_postcode("98000") is None  # Monaco
    assert geo.departement_for_postcode("3450") is None
    assert geo.departement_for_postcode("75 001").code == "75"
