"""find_banned_uses reads the learner's source and reports banned APIs, without running it."""

import textwrap

import pytest

from app.engine.bans import find_banned_uses

BANNED = (
    "torch.nn.functional.scaled_dot_product_attention",
    "torch.nn.functional.multi_head_attention_forward",
    "torch.nn.MultiheadAttention",
)


def scan(source: str, target: str = "scaled_dot_product_attention") -> list[str]:
    return find_banned_uses(textwrap.dedent(source), target, BANNED)


def test_clean_code_has_no_problems():
    assert scan("""
        import math
        import torch

        def scaled_dot_product_attention(q, k, v, mask=None):
            scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
            weights = torch.softmax(scores, dim=-1)
            return weights @ v, weights
    """) == []


def test_banned_attribute_inside_the_target_is_reported_with_its_line():
    problems = scan("""
        import torch.nn.functional as F

        def scaled_dot_product_attention(q, k, v, mask=None):
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            return out, None
    """)
    assert problems == [
        "line 5: F.scaled_dot_product_attention (torch.nn.functional.scaled_dot_product_attention) is not allowed in this exercise"
    ]


@pytest.mark.parametrize("expression", [
    "torch.nn.functional.scaled_dot_product_attention",  # fully spelled out
    "fn.scaled_dot_product_attention",  # any alias of the module
    "torch._C._nn.scaled_dot_product_attention",  # the same kernel by another path
])
def test_banned_attribute_is_found_whatever_the_module_is_called(expression):
    problems = scan(f"""
        def scaled_dot_product_attention(q, k, v, mask=None):
            return {expression}(q, k, v), None
    """)
    assert len(problems) == 1 and expression in problems[0]


def test_referring_to_a_banned_function_without_calling_it_is_still_banned():
    problems = scan("""
        import torch.nn.functional as F

        def scaled_dot_product_attention(q, k, v, mask=None):
            fast = F.scaled_dot_product_attention
            return fast(q, k, v), None
    """)
    assert len(problems) == 1


def test_banned_class_inside_a_method_of_the_target_class():
    problems = scan("""
        import torch.nn as nn

        class MultiHeadAttention(nn.Module):
            def __init__(self, d_model, n_heads, dropout=0.0, causal=True):
                super().__init__()
                self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
    """, target="MultiHeadAttention")
    assert problems == ["line 7: nn.MultiheadAttention (torch.nn.MultiheadAttention) is not allowed in this exercise"]


def test_banned_base_class_is_found():
    problems = scan("""
        import torch.nn as nn

        class MultiHeadAttention(nn.MultiheadAttention):
            pass
    """, target="MultiHeadAttention")
    assert len(problems) == 1 and "nn.MultiheadAttention" in problems[0]


def test_the_learners_own_function_of_the_same_name_is_allowed():
    """MultiHeadAttention calls the learner's scaled_dot_product_attention: a plain name, not a banned attribute."""
    assert scan("""
        import torch.nn as nn

        def scaled_dot_product_attention(q, k, v, mask=None):
            ...

        class MultiHeadAttention(nn.Module):
            def forward(self, x):
                _, weights = scaled_dot_product_attention(x, x, x)
                return weights
    """, target="MultiHeadAttention") == []


def test_a_method_on_self_with_a_banned_name_is_allowed():
    assert scan("""
        import torch.nn as nn

        class MultiHeadAttention(nn.Module):
            def scaled_dot_product_attention(self, q, k, v):
                ...

            def forward(self, x):
                return self.scaled_dot_product_attention(x, x, x)
    """, target="MultiHeadAttention") == []


def test_banned_attribute_outside_the_target_is_left_to_the_run_time_ban():
    """Only the target's definition is scanned for attributes; a helper elsewhere is caught when it runs."""
    assert scan("""
        import torch.nn.functional as F

        def fast_attention(q, k, v):
            return F.scaled_dot_product_attention(q, k, v)

        def scaled_dot_product_attention(q, k, v, mask=None):
            return fast_attention(q, k, v), None
    """) == []


def test_only_the_last_definition_counts():
    """Python uses the last definition of a name; an earlier, overwritten one is dead code."""
    source = """
        import torch.nn.functional as F

        def scaled_dot_product_attention(q, k, v, mask=None):
            return F.scaled_dot_product_attention(q, k, v), None

        def scaled_dot_product_attention(q, k, v, mask=None):
            weights = (q @ k.transpose(-2, -1)).softmax(-1)
            return weights @ v, weights
    """
    assert scan(source) == []
    banned_last = source + """
        def scaled_dot_product_attention(q, k, v, mask=None):
            return F.scaled_dot_product_attention(q, k, v), None
    """
    assert len(scan(banned_last)) == 1


@pytest.mark.parametrize("statement, name", [
    ("from torch.nn.functional import scaled_dot_product_attention as sdpa", "torch.nn.functional.scaled_dot_product_attention"),
    ("from torch.nn.functional import scaled_dot_product_attention", "torch.nn.functional.scaled_dot_product_attention"),
    ("from torch.nn import MultiheadAttention", "torch.nn.MultiheadAttention"),
    ("from torch.nn import Linear, MultiheadAttention", "torch.nn.MultiheadAttention"),
])
def test_importing_a_banned_name_anywhere_is_banned(statement, name):
    problems = scan(f"""
        import torch
        {statement}

        def scaled_dot_product_attention(q, k, v, mask=None):
            ...
    """)
    assert problems == [f"line 3: imports {name}, which this exercise asks you to write yourself"]


@pytest.mark.parametrize("statement", ["import torch.nn.functional", "import torch.nn.functional as F", "from torch import nn", "from torch.nn import functional as F"])
def test_importing_the_module_that_holds_a_banned_name_is_fine(statement):
    assert scan(f"""
        {statement}

        def scaled_dot_product_attention(q, k, v, mask=None):
            ...
    """) == []


@pytest.mark.parametrize("statement", [
    "import lessons.attention.reference",
    "import lessons",
    "from lessons.attention import reference",
    "from lessons.attention.reference import scaled_dot_product_attention as mine",
    "from lessons import attention",
])
def test_importing_the_reference_solutions_is_always_banned(statement):
    problems = find_banned_uses(f"{statement}\n\ndef causal_mask(T, device=None):\n    ...\n", "causal_mask", ())
    assert problems and problems[0] == "line 1: imports the reference solutions (lessons); write it yourself"


def test_a_module_merely_named_like_lessons_is_fine():
    assert find_banned_uses("import lessons_learned\nimport mylessons.attention\n", "causal_mask", ()) == []


def test_import_inside_the_function_is_found_too():
    problems = scan("""
        def scaled_dot_product_attention(q, k, v, mask=None):
            from torch.nn.functional import scaled_dot_product_attention as fast
            return fast(q, k, v), None
    """)
    assert problems == ["line 3: imports torch.nn.functional.scaled_dot_product_attention, which this exercise asks you to write yourself"]


def test_every_banned_use_is_reported():
    problems = scan("""
        import torch.nn.functional as F
        from torch.nn import MultiheadAttention
        import lessons.attention.reference

        def scaled_dot_product_attention(q, k, v, mask=None):
            return F.scaled_dot_product_attention(q, k, v), None
    """)
    assert [problem.split(":")[0] for problem in problems] == ["line 3", "line 4", "line 7"]


def test_a_computed_name_is_invisible_to_the_scan():
    """getattr with a built string cannot be read from the source; the grader's run-time ban catches it."""
    assert scan("""
        import torch

        def scaled_dot_product_attention(q, k, v, mask=None):
            return getattr(torch.nn.functional, "scaled_" + "dot_product_attention")(q, k, v), None
    """) == []


def test_missing_target_only_checks_imports():
    assert scan("import torch\n") == []
    assert len(scan("from torch.nn import MultiheadAttention\n")) == 1


def test_syntax_error_propagates():
    with pytest.raises(SyntaxError):
        scan("def scaled_dot_product_attention(q, k, v:\n    pass\n")
