"""AttentionHeatmap and HeatmapGroup on their own, in a small app, read back from what they draw."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget

from app.widgets.attention_heatmap import SHADES, AttentionHeatmap, shade, visible
from app.widgets.heatmap_group import HeatmapGroup

# A known 6×6 matrix: its maximum, 0.97, is at row 4, column 1; zeros above the diagonal.
MATRIX = [
    [0.62, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.31, 0.55, 0.0, 0.0, 0.0, 0.0],
    [0.05, 0.44, 0.21, 0.0, 0.0, 0.0],
    [0.12, 0.08, 0.71, 0.33, 0.0, 0.0],
    [0.02, 0.97, 0.01, 0.06, 0.15, 0.0],
    [0.18, 0.11, 0.27, 0.09, 0.14, 0.49],
]
TOKENS = ["R", "O", "\\n", " ", "\t", "b"]  # as lessons label them: repr()[1:-1] for a newline


def causal(size: int, peak: tuple[int, int] | None = None) -> list[list[float]]:
    rows = [[1 / (i + 1) if j <= i else 0.0 for j in range(size)] for i in range(size)]
    if peak:
        rows[peak[0]][peak[1]] = 2.0
    return rows


class HeatmapApp(App):
    def __init__(self, *widgets: Widget) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets


def drawn_shades(heatmap: AttentionHeatmap) -> dict[tuple[int, int], int]:
    """(row, column) -> shade index, read from the background colours of the drawn lines."""
    colours = {colour.lower(): level for level, colour in enumerate(SHADES)}
    cells = {}
    for y in range(heatmap.size.height):
        x = 0
        for segment in heatmap.render_line(y):
            background = segment.style.bgcolor if segment.style else None
            level = colours.get(background.name.lower()) if background is not None else None
            for offset in range(len(segment.text)):
                if level is not None and (cell := heatmap.cell_at(x + offset, y)) is not None:
                    assert cells.setdefault(cell, level) == level  # the two characters of a cell agree
            x += len(segment.text)
    return cells


def drawn_text(heatmap: AttentionHeatmap) -> list[str]:
    return [heatmap.render_line(y).text.rstrip() for y in range(heatmap.size.height)]


async def test_the_brightest_cell_is_the_maximum_and_shades_follow_the_values():
    heatmap = AttentionHeatmap(MATRIX, TOKENS, TOKENS, title="known")
    async with HeatmapApp(heatmap).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cells = drawn_shades(heatmap)
        brightest = max(cells.values())
        assert brightest == len(SHADES) - 1
        assert [cell for cell, level in cells.items() if level == brightest] == [(4, 1)]
        values = {(i, j): MATRIX[i][j] for i in range(6) for j in range(6)}
        shaded = {cell for cell, value in values.items() if value != 0}
        assert set(cells) == shaded  # every non-zero cell is drawn, zeros are not shaded
        for a in shaded:
            for b in shaded:
                if values[a] > values[b]:
                    assert cells[a] >= cells[b], (a, b)


async def test_zeros_are_marked_and_a_negative_matrix_is_shaded_from_its_minimum():
    heatmap = AttentionHeatmap([[-1.0, 0.0], [0.5, 3.0]], ["a", "b"], ["a", "b"])
    async with HeatmapApp(heatmap).run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        cells = drawn_shades(heatmap)
        assert cells == {(0, 0): 0, (0, 1): 2, (1, 0): 3, (1, 1): 7}  # 0 is an ordinary value here
        text = "\n".join(drawn_text(heatmap))
        assert "min -1" in text and "max 3" in text and "a shade spans 0.5" in text
        assert "is 0" not in text
    assert shade(None, 0, 1) is None and shade(0.0, 0.0, 1.0) is None and shade(1.0, 1.0, 1.0) == 7


async def test_tokens_label_both_axes_with_whitespace_made_visible():
    heatmap = AttentionHeatmap(MATRIX, TOKENS, TOKENS, title="known")
    async with HeatmapApp(heatmap).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = drawn_text(heatmap)
        assert lines[0].split() == ["R", "O", "↵", "␣", "⇥", "b"]  # two characters a cell: 6 columns
        assert [line.split()[0] for line in lines[1:7]] == ["R", "O", "↵", "␣", "⇥", "b"]
        assert lines[1].split()[1:] == ["·"] * 5  # the zeros after row 0's one weight
        assert "min 0" in lines[8] and "max 0.97" in lines[8]
        assert "a shade spans 0.121" in lines[9] and "· is 0" in lines[9]
        assert lines[10] == "max at ⇥ → O"
    assert [visible(label) for label in ("\n", "\\n", " ", "\t", "", "ab c")] == ["↵", "↵", "␣", "⇥", "∅", "ab␣c"]


async def test_long_column_labels_read_downwards_and_32_tokens_fit_80_columns():
    labels = [str(i) for i in range(32)]
    heatmap = AttentionHeatmap(causal(32), labels, labels)
    async with HeatmapApp(heatmap).run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        lines = drawn_text(heatmap)
        assert lines[0].strip().startswith("1111111111")  # tens digits of 10..19 above
        assert lines[1].strip().startswith("0123456789012")
        assert heatmap.natural_width <= 40  # two fit side by side at 80 columns
        assert not heatmap.show_horizontal_scrollbar


async def test_a_map_wider_than_the_screen_scrolls_with_its_row_labels_in_place():
    labels = [f"t{i}" for i in range(70)]
    heatmap = AttentionHeatmap(causal(70, peak=(69, 65)), labels, labels)
    async with HeatmapApp(heatmap).run_test(size=(40, 90)) as pilot:
        await pilot.pause()
        assert heatmap.show_horizontal_scrollbar
        assert (69, 65) not in drawn_shades(heatmap)
        heatmap.scroll_to(x=heatmap.max_scroll_x, animate=False, immediate=True)
        await pilot.pause()
        assert drawn_shades(heatmap)[(69, 65)] == len(SHADES) - 1
        row = drawn_text(heatmap)[heatmap._header + 69]
        assert row.startswith("t69")  # the cells after it are coloured spaces


async def test_brackets_cycle_the_heads_of_a_stack():
    heatmap = AttentionHeatmap()
    heatmap.set_maps({f"layer 0 · head {h}": (causal(4, peak=(3, h)), "abcd", "abcd") for h in range(3)})
    seen = []

    class Recorder(HeatmapApp):
        def on_attention_heatmap_selected(self, message: AttentionHeatmap.Selected) -> None:
            seen.append((message.key, message.index))

    async with Recorder(heatmap).run_test(size=(60, 20)) as pilot:
        heatmap.focus()
        await pilot.pause()
        assert heatmap.border_title == "layer 0 · head 0" and heatmap.border_subtitle == "[ ] 1/3"
        await pilot.press("right_square_bracket")
        assert heatmap.border_title == "layer 0 · head 1" and heatmap.border_subtitle == "[ ] 2/3"
        assert max(drawn_shades(heatmap).items(), key=lambda item: item[1])[0] == (3, 1)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert heatmap.title == "layer 0 · head 2"  # wraps around
        assert seen == [("layer 0 · head 1", 1), ("layer 0 · head 0", 0), ("layer 0 · head 2", 2)]
        heatmap.set_maps({"layer 0 · head 2": (MATRIX, TOKENS, TOKENS), "other": (MATRIX, TOKENS, TOKENS)})
        assert heatmap.title == "layer 0 · head 2"  # new data for the map shown keeps it shown
        heatmap.set_data(MATRIX, TOKENS, TOKENS, title="one map")
        assert heatmap.keys == ["one map"] and heatmap.border_subtitle == ""


async def test_hovering_a_cell_shows_its_value():
    heatmap = AttentionHeatmap(MATRIX, TOKENS, TOKENS, title="known")
    async with HeatmapApp(heatmap).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # border 1 + padding 1 + labels and a space 2, then two characters a cell; header 1 line
        await pilot.hover(heatmap, offset=(1 + 1 + 2 + 2 * 2, 1 + 1 + 3))
        await pilot.pause()
        assert drawn_text(heatmap)[10] == "␣ → ↵: 0.71"


@pytest.mark.parametrize(("width", "columns"), [(100, 2), (60, 1)])
async def test_a_pair_sits_side_by_side_when_it_fits_and_stacked_otherwise(width, columns):
    labels = [chr(ord("a") + i) for i in range(26)] + list("ABCDEF")
    yours, reference = AttentionHeatmap(), AttentionHeatmap()
    yours.set_maps({f"head {h}: yours": (causal(32, peak=(5, h)), labels, labels) for h in range(4)})
    reference.set_maps({f"head {h}: reference": (causal(32, peak=(5, h)), labels, labels) for h in range(4)})
    group = HeatmapGroup(yours, reference)
    async with HeatmapApp(group).run_test(size=(width, 90)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert group.columns == columns
        if columns == 2:
            assert yours.region.y == reference.region.y and yours.region.right < reference.region.x
        else:
            assert reference.region.y >= yours.region.bottom
        reference.focus()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert (yours.title, reference.title) == ("head 1: yours", "head 1: reference")  # they move together
        group.cycle(-1)
        await pilot.pause()
        assert (yours.index, reference.index) == (0, 0)


def test_heatmap_6x6_snapshot(snap_compare):
    heatmap = AttentionHeatmap()
    heatmap.set_maps({"head 0": (MATRIX, TOKENS, TOKENS), "head 1": (causal(6), TOKENS, TOKENS)})
    assert snap_compare(HeatmapApp(heatmap), terminal_size=(80, 24))
