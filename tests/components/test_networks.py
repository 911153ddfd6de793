"""Network components: structure tests, then one control frame per component."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers import cached_latex
from manim import Circle, MathTex, Scene, Square
from manim.utils.testing.frames_comparison import frames_comparison

import mathcore
from scenes.visual import style
from scenes.visual.components import (
    ActivationGraph,
    ActivationGrid,
    BlockIcon,
    MLPPipeline,
    NetworkDiagram,
    NeuronLayer,
)

__module_test__ = "components"

NEURONS = np.array([1.0, -0.5, 0.5, 0.0, 0.25, 2.0, -1.0, 0.1])
WEIGHTS = np.array(
    [
        [1.0, -0.5, 0.2, 0.0],
        [0.3, 0.8, -1.0, 0.4],
        [-0.2, 0.1, 0.6, -0.7],
        [0.9, -0.9, 0.0, 0.5],
        [0.1, 0.2, 0.3, 0.4],
    ]
)
TOKENS = ["Michael", "Jordan", "plays", "the", "sport", "of"]


def fill_hex(mobject: Circle | Square) -> str:
    return str(mobject.get_fill_color().to_hex()).upper()


class TestBlockIcon:
    def test_label_inside_the_box(self) -> None:
        block = BlockIcon("A block with a long label", width=2.0)
        assert block.get_label().width <= block.get_box().width + 1e-6
        np.testing.assert_allclose(block.get_label().get_center(), block.get_box().get_center())
        assert list(block.submobjects) == [block.get_box(), block.get_label()]

    def test_kwargs_reach_vgroup(self) -> None:
        assert BlockIcon("MLP", z_index=3).z_index == 3
        assert BlockIcon("MLP", name="mlp").name == "mlp"


class TestNeuronLayer:
    def test_opacity_follows_the_value(self) -> None:
        layer = NeuronLayer(NEURONS, 5)
        assert layer.indices == [0, 1, 2, None, 7]
        peak = float(np.max(np.abs(NEURONS)))
        for index in (0, 1, 2, 7):
            expected = max(0.0, float(NEURONS[index])) / peak
            assert layer.get_neuron(index).get_fill_opacity() == pytest.approx(expected)
        assert isinstance(layer[3], MathTex)

    def test_elided_neuron_raises_key_error(self) -> None:
        with pytest.raises(KeyError):
            NeuronLayer(NEURONS, 5).get_neuron(4)

    def test_active_neurons(self) -> None:
        layer = NeuronLayer(NEURONS, 5)
        active = [layer.get_neuron(i) for i in (0, 2, 7)]
        assert list(layer.get_active()) == active

    def test_top_to_bottom(self) -> None:
        layer = NeuronLayer(NEURONS, 8)
        ys = [layer.get_neuron(i).get_y() for i in range(8)]
        assert ys == sorted(ys, reverse=True)

    def test_kwargs_reach_vgroup(self) -> None:
        assert NeuronLayer(NEURONS, 5, name="h").name == "h"


class TestActivationGraph:
    @pytest.mark.parametrize("activation", ["relu", "gelu", "gelu_tanh"])
    def test_point_for_lies_on_the_function(self, activation: str) -> None:
        graph = ActivationGraph(activation)
        function = mathcore.activation(activation)
        for x in (-2.0, -0.5, 0.0, 1.5):
            coords = graph.get_axes().p2c(graph.point_for(x))
            assert coords[0] == pytest.approx(x)
            assert coords[1] == pytest.approx(float(function(x)))

    def test_title_above_the_axes(self) -> None:
        graph = ActivationGraph("relu")
        assert graph.get_title().original_text == style.ACTIVATION_TITLES["relu"]
        assert graph.get_title().get_bottom()[1] > graph.get_axes().get_top()[1]

    def test_kwargs_reach_vgroup(self) -> None:
        # ``name`` is the Mobject's name here; the activation is the first argument.
        assert ActivationGraph("relu", name="graph").name == "graph"


class TestNetworkDiagram:
    def test_one_line_per_drawn_pair(self) -> None:
        activations = np.array([0.0, 1.0, 0.5, 0.0, 2.0])
        diagram = NetworkDiagram(WEIGHTS, activations, 4, 4)
        inputs, outputs = diagram.get_inputs(), diagram.get_outputs()
        assert len(diagram.get_edges()) == len(inputs.neurons) * len(outputs.neurons)
        assert inputs.get_right()[0] < outputs.get_left()[0]

    def test_line_opacity_and_colour_follow_the_weight(self) -> None:
        diagram = NetworkDiagram(WEIGHTS, np.ones(5), 4, 5)
        peak = float(np.max(np.abs(WEIGHTS)))
        edges = iter(diagram.get_edges())
        for i in diagram.get_outputs().neurons:
            for j in diagram.get_inputs().neurons:
                edge = next(edges)
                spread = style.EDGE_MAX_OPACITY - style.EDGE_MIN_OPACITY
                expected = style.EDGE_MIN_OPACITY + spread * abs(WEIGHTS[i, j]) / peak
                assert edge.get_stroke_opacity() == pytest.approx(expected)
                colour = style.NEGATIVE if WEIGHTS[i, j] < 0 else style.FIRST_NAME
                assert edge.get_color().to_hex().upper() == colour

    def test_kwargs_reach_vgroup(self) -> None:
        assert NetworkDiagram(WEIGHTS, np.ones(5), 4, 4, z_index=1).z_index == 1


class TestActivationGrid:
    values = np.abs(np.sin(np.arange(len(TOKENS) * 8, dtype=float))).reshape(len(TOKENS), 8)

    def test_one_column_per_token_under_its_heading(self) -> None:
        grid = ActivationGrid(self.values, TOKENS, 5)
        headings = grid.get_headings()
        assert len(headings) == len(TOKENS)
        for t, heading in enumerate(headings):
            column = grid.get_column(t)
            assert len(column) == 5
            assert column.get_top()[1] < heading.get_bottom()[1]
            assert column.get_x() == pytest.approx(heading.get_x())

    def test_cell_opacity(self) -> None:
        grid = ActivationGrid(self.values, TOKENS, 5)
        peak = float(np.max(self.values))
        for t in range(len(TOKENS)):
            for n in (0, 1, 2, 7):
                cell = grid.get_cell(t, n)
                assert cell.get_fill_opacity() == pytest.approx(self.values[t, n] / peak)
                assert fill_hex(cell) == style.POSITIVE

    def test_elided_neuron_raises_key_error(self) -> None:
        with pytest.raises(KeyError):
            ActivationGrid(self.values, TOKENS, 5).get_cell(0, 4)

    def test_kwargs_reach_vgroup(self) -> None:
        assert ActivationGrid(self.values, TOKENS, 5, name="grid").name == "grid"


# -- graphical ---------------------------------------------------------------------------


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_block_icon(scene: Scene) -> None:
    scene.add(BlockIcon("MLP"))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_neuron_layer(scene: Scene) -> None:
    scene.add(NeuronLayer(NEURONS, 6))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_activation_graph(scene: Scene) -> None:
    scene.add(ActivationGraph("gelu"))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_network_diagram(scene: Scene) -> None:
    scene.add(NetworkDiagram(WEIGHTS, np.array([0.0, 1.0, 0.5, 0.0, 2.0]), 4, 5))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_activation_grid(scene: Scene) -> None:
    scene.add(ActivationGrid(TestActivationGrid.values, TOKENS, 6))


PIPELINE_STAGES = [
    ("in", "E"),
    ("up", r"W_{\uparrow}"),
    ("bias_up", r"+\,b_{\uparrow}"),
    ("act", r"\text{ReLU}"),
    ("down", r"W_{\downarrow}"),
    ("bias_down", r"+\,b_{\downarrow}"),
    ("add", r"\oplus"),
    ("out", r"E_{\text{out}}"),
]


class TestMLPPipeline:
    def test_stages_in_order_left_to_right_joined_by_arrows(self) -> None:
        pipeline = MLPPipeline(PIPELINE_STAGES)
        keys = [k for k, _ in PIPELINE_STAGES]
        assert pipeline.get_keys() == keys
        xs = [pipeline.get_stage(k).get_x() for k in keys]
        assert xs == sorted(xs)
        assert len(pipeline.get_arrows()) == len(keys) - 1
        for arrow, (a, b) in zip(pipeline.get_arrows(), itertools.pairwise(keys), strict=True):
            assert pipeline.get_stage(a).get_right()[0] <= arrow.get_left()[0] + 1e-6
            assert arrow.get_right()[0] <= pipeline.get_stage(b).get_left()[0] + 1e-6

    @pytest.mark.parametrize("gap", [style.PIPELINE_GAP, 0.35])
    def test_every_link_has_a_visible_arrowhead(self, gap: float) -> None:
        # A short link (a narrow frame's gap) still ends in a head a good part of its length.
        pipeline = MLPPipeline(PIPELINE_STAGES, gap=gap)
        for arrow in pipeline.get_arrows():
            tip = arrow.get_tip()
            assert tip.get_fill_opacity() > 0
            assert tip.length >= 0.4 * arrow.get_length()

    def test_skip_connection_runs_over_the_chain_into_the_add(self) -> None:
        pipeline = MLPPipeline(PIPELINE_STAGES)
        points = pipeline.get_skip_points()
        assert points[0][0] == pytest.approx(pipeline.get_stage("in").get_x())
        assert points[-1] == pytest.approx(pipeline.get_stage("add").get_top())
        top = max(pipeline.get_stage(k).get_top()[1] for k in pipeline.get_keys())
        assert points[1][1] > top and points[2][1] > top

    def test_every_label_inside_its_box(self) -> None:
        pipeline = MLPPipeline(PIPELINE_STAGES)
        for key in pipeline.get_keys():
            box, label = pipeline.get_stage(key)
            assert box.width >= label.width and box.height >= label.height
            assert pipeline.get_box(key) is box

    def test_kwargs_reach_vgroup(self) -> None:
        assert MLPPipeline(PIPELINE_STAGES[:3], add_key="bias_up", name="p").name == "p"


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_mlp_pipeline(scene: Scene) -> None:
    scene.add(MLPPipeline(PIPELINE_STAGES).scale_to_fit_width(12))
