from generators.pipeline.privacy import mask_name, mask_text


def test_mask_names():
    assert mask_name("张三") == "张某"
    assert mask_name("张三丰") == "张某"
    assert mask_name("欧阳娜娜") == "欧阳某"


def test_mask_free_text():
    text = ("张三丰（身份证号110105194912310021，手机13812345678，电话022-27654321，"
            "账号6222021234567890123，邮箱zsf@example.com）")
    out = mask_text(text, ("张三丰",))
    assert "张三丰" not in out and "张某" in out
    assert "110105194912310021" not in out and "[身份证号已隐藏]" in out
    assert "138****5678" in out
    assert "022-****4321" in out
    assert "****0123" in out and "6222021234567890123" not in out
    assert "example.com" not in out


def test_id_with_wrong_check_digit_is_still_hidden():
    assert "[身份证号已隐藏]" == mask_text("11010519491231002Y"[:17] + "5")


def test_operator_name_inside_business_name():
    assert mask_text("张三小吃店", ("张三",)) == "张某小吃店"


def test_public_codes_untouched():
    text = "统一社会信用代码91350100M000100Y43，决定书文号津示市监罚〔2026〕1号"
    assert mask_text(text) == text
