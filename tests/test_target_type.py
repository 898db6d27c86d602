"""A resident ID given without a target type makes the target a natural
person, even though every resident ID is also shaped like a USCC."""
from generators.pipeline import normalize as nz
from generators.pipeline.validate import infer_target_type


def test_resident_id_without_type_is_a_person():
    code = "120111197212186905"  # valid resident ID, USCC-shaped, USCC check digit wrong
    assert nz.is_uscc(code) and not nz.uscc_check_ok(code)
    assert infer_target_type({"target_code": code}) == "自然人"


def test_uscc_without_type():
    assert infer_target_type({"target_code": "91120000MA05ABCD14"}) in ("法人及非法人组织",)
    assert infer_target_type({"target_code": "92120111MA05ABCD1X"}) == "个体工商户"
    assert infer_target_type({"target_code": ""}) is None
    assert infer_target_type({"target_code": "120111197212186905", "target_type": "个体工商户"}) == "个体工商户"


def test_code_valid_as_both_resident_id_and_uscc_is_a_person():
    code = "120111196512247314"  # both check digits hold: privacy first
    assert nz.uscc_check_ok(code)
    assert infer_target_type({"target_code": code}) == "自然人"
