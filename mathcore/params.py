"""Counting a transformer's parameters, component by component.

Shapes (h = d_model / n_heads, the head size; kv = n_kv_heads · h):

    embedding     vocab_size × d_model
    positional    context_length × d_model                       (learned positions only)
    attention     W_Q, W_O: d_model × d_model; W_K, W_V: d_model × kv  (per layer)
    mlp           plain: W_up d_mlp × d_model, W_down d_model × d_mlp;
                  gated (SwiGLU): W_gate and W_up d_mlp × d_model, W_down d_model × d_mlp;
                  times n_experts                                 (per layer)
    router        d_model × n_experts                             (per layer, experts > 1)
    norms         layernorm: scale + shift (2 d_model), rmsnorm: scale (d_model), two per layer
                  and one final
    unembedding   vocab_size × d_model, or 0 when tied to the embedding

Two conventions: ``matrices`` counts the weight matrices only, as the video does (embedding,
attention, MLP, router, unembedding); ``full`` adds everything a checkpoint holds: biases,
norms and learned positions. For a mixture of experts the active count keeps
experts_per_token of the n_experts MLPs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mathcore.display import rounded_label

Convention = Literal["matrices", "full"]
COMPONENTS = ("embedding", "positional", "attention", "mlp", "router", "norms", "unembedding")
PER_LAYER = ("attention", "mlp", "router", "norms")


@dataclass(frozen=True)
class ModelShape:
    """A decoder-only transformer's sizes and design choices."""

    name: str
    vocab_size: int
    context_length: int
    d_model: int
    n_layers: int
    n_heads: int
    n_kv_heads: int
    d_mlp: int
    mlp: Literal["plain", "gated"] = "plain"
    n_experts: int = 1
    experts_per_token: int = 1
    biases: bool = True
    norm: Literal["layernorm", "rmsnorm", "none"] = "layernorm"
    positional: Literal["learned", "rotary", "none"] = "learned"
    tied_embeddings: bool = False

    @property
    def head_size(self) -> int:
        """h = d_model / n_heads."""
        return self.d_model // self.n_heads

    @property
    def kv_width(self) -> int:
        """Width of W_K and W_V: n_kv_heads · h (smaller than d_model with grouped queries)."""
        return self.n_kv_heads * self.head_size

    @property
    def mlp_matrices(self) -> int:
        """Weight matrices per MLP: 2 (up, down) or 3 (gate, up, down)."""
        return 3 if self.mlp == "gated" else 2


def shape_problems(shape: ModelShape) -> list[tuple[str, str, object]]:
    """What is inconsistent in ``shape``, as (key, what was expected, what was found)."""
    problems: list[tuple[str, str, object]] = []
    for key in ("vocab_size", "context_length", "d_model", "n_layers", "n_heads", "n_kv_heads",
                "d_mlp", "n_experts", "experts_per_token"):  # fmt: skip
        if getattr(shape, key) < 1:
            problems.append((key, "an integer >= 1", getattr(shape, key)))
    if problems:
        return problems
    if shape.d_model % shape.n_heads:
        expected = f"a divisor of d_model ({shape.d_model})"
        problems.append(("n_heads", expected, shape.n_heads))
    if shape.n_heads % shape.n_kv_heads:
        expected = f"a divisor of n_heads ({shape.n_heads})"
        problems.append(("n_kv_heads", expected, shape.n_kv_heads))
    if shape.experts_per_token > shape.n_experts:
        expected = f"at most n_experts ({shape.n_experts})"
        problems.append(("experts_per_token", expected, shape.experts_per_token))
    return problems


def _norm_size(shape: ModelShape) -> int:
    return {"layernorm": 2, "rmsnorm": 1, "none": 0}[shape.norm] * shape.d_model


def layer_counts(shape: ModelShape, convention: Convention, experts: int) -> dict[str, int]:
    """Parameters of one layer, by component, with ``experts`` MLPs counted."""
    full = convention == "full"
    d, kv, d_mlp = shape.d_model, shape.kv_width, shape.d_mlp
    attention = 2 * d * d + 2 * d * kv
    one_mlp = shape.mlp_matrices * d * d_mlp
    router = d * shape.n_experts if shape.n_experts > 1 else 0
    if full and shape.biases:
        attention += 2 * d + 2 * kv
        one_mlp += (shape.mlp_matrices - 1) * d_mlp + d
        router += shape.n_experts if shape.n_experts > 1 else 0
    norms = 2 * _norm_size(shape) if full else 0
    return {"attention": attention, "mlp": experts * one_mlp, "router": router, "norms": norms}


@dataclass(frozen=True)
class ParameterCount:
    """Totals by component and per layer under one convention, and the active total."""

    model: str
    convention: Convention
    components: dict[str, int]
    per_layer: dict[str, int]
    total: int
    active_total: int
    active_components: dict[str, int]

    def share(self, component: str) -> float:
        """components[component] / total."""
        return self.components[component] / self.total


def count_parameters(shape: ModelShape, convention: Convention = "matrices") -> ParameterCount:
    """Count ``shape``'s parameters by component (see the module docstring for the shapes)."""
    if convention not in ("matrices", "full"):
        raise ValueError(f"convention must be 'matrices' or 'full', got {convention!r}")
    problems = shape_problems(shape)
    if problems:
        key, expected, found = problems[0]
        raise ValueError(f"{key}: expected {expected}, got {found!r}")
    full = convention == "full"
    per_layer = layer_counts(shape, convention, shape.n_experts)
    active_layer = layer_counts(shape, convention, shape.experts_per_token)
    embedding = shape.vocab_size * shape.d_model
    outside = {
        "embedding": embedding,
        "positional": shape.context_length * shape.d_model
        if full and shape.positional == "learned"
        else 0,
        "unembedding": 0 if shape.tied_embeddings else embedding,
    }
    final_norm = _norm_size(shape) if full else 0
    components = {name: 0 for name in COMPONENTS}
    components.update(outside)
    for name in PER_LAYER:
        components[name] = shape.n_layers * per_layer[name]
    components["norms"] += final_norm
    active = dict(components)
    for name in PER_LAYER:
        active[name] = shape.n_layers * active_layer[name]
    active["norms"] += final_norm
    return ParameterCount(
        shape.name,
        convention,
        components,
        per_layer,
        sum(components.values()),
        sum(active.values()),
        active,
    )


@dataclass(frozen=True)
class MatrixSize:
    """One weight matrix of an MLP: its name, rows, columns and rows × columns."""

    name: str
    rows: int
    columns: int

    @property
    def count(self) -> int:
        """rows × columns."""
        return self.rows * self.columns


def mlp_matrices(shape: ModelShape) -> list[MatrixSize]:
    """The weight matrices of one MLP (one expert), in the video's orientation."""
    up = MatrixSize("up", shape.d_mlp, shape.d_model)
    down = MatrixSize("down", shape.d_model, shape.d_mlp)
    if shape.mlp == "gated":
        return [MatrixSize("gate", shape.d_mlp, shape.d_model), up, down]
    return [up, down]


def bias_count(shape: ModelShape) -> dict[str, int]:
    """Bias parameters of one layer's attention and MLP (0 when the model has none)."""
    if not shape.biases:
        return {"attention": 0, "mlp": 0}
    mlp = shape.n_experts * ((shape.mlp_matrices - 1) * shape.d_mlp + shape.d_model)
    return {"attention": 2 * shape.d_model + 2 * shape.kv_width, "mlp": mlp}


# --- Symbolic factors: each count on screen as a product of the model's sizes -------------

Factor = int | str  # a whole number, or the name of a size (a key of size_values)
Product = tuple[Factor, ...]


def size_values(shape: ModelShape) -> dict[str, int]:
    """The sizes a symbolic count may name, and their values for ``shape``."""
    return {
        "n_vocab": shape.vocab_size,
        "n_ctx": shape.context_length,
        "d_model": shape.d_model,
        "d_mlp": shape.d_mlp,
        "d_kv": shape.kv_width,
        "n_layers": shape.n_layers,
        "n_experts": shape.n_experts,
        "k_active": shape.experts_per_token,
    }


def evaluate(product: Product, values: dict[str, int]) -> int:
    """The value of a product of factors (names looked up in ``values``)."""
    result = 1
    for factor in product:
        result *= values[factor] if isinstance(factor, str) else factor
    return result


@dataclass(frozen=True)
class SymbolicCount:
    """common · (term₁ + term₂ + ...): a count written with the model's sizes.

    ``value`` is computed from the factors, never typed; a test checks it against
    count_parameters."""

    common: Product
    terms: tuple[Product, ...]
    value: int

    @classmethod
    def of(cls, shape: ModelShape, common: Product, *terms: Product) -> SymbolicCount:
        """The count, its value evaluated with ``shape``'s sizes."""
        values = size_values(shape)
        return cls(
            common, terms, evaluate(common, values) * sum(evaluate(t, values) for t in terms)
        )


def mlp_width(shape: ModelShape) -> Product:
    """d_mlp as factors: ``(4, 'd_model')`` when d_mlp is a whole multiple of d_model (GPT-3:
    49,152 = 4 · 12,288), else ``('d_mlp',)`` (Llama 3: 14,336 = 3.5 · 4,096)."""
    if shape.d_mlp % shape.d_model == 0:
        return (shape.d_mlp // shape.d_model, "d_model")
    return ("d_mlp",)


def kv_width(shape: ModelShape) -> Product:
    """The width of W_K and W_V as factors: d_model, or d_kv with grouped queries."""
    return ("d_model",) if shape.kv_width == shape.d_model else ("d_kv",)


def matrix_count(shape: ModelShape) -> SymbolicCount:
    """One MLP weight matrix (up, gate or down: all d_mlp · d_model) as factors."""
    return SymbolicCount.of(shape, (), (*mlp_width(shape), "d_model"))


@dataclass(frozen=True)
class TallyRow:
    """One row of the whole model's table: a component, its count as factors."""

    component: str
    count: SymbolicCount
    negligible: bool = False
    counted: bool = True  # False: listed below the total ("not counted: negligible")


def _attention(shape: ModelShape) -> SymbolicCount:
    """W_Q, W_K, W_V, W_O in every layer: 4 d² (2 d² + 2 d·d_kv with grouped queries)."""
    if shape.kv_width == shape.d_model:
        return SymbolicCount.of(shape, ("n_layers",), (4, "d_model", "d_model"))
    return SymbolicCount.of(shape, ("n_layers",), (2, "d_model", "d_model"), (2, "d_model", "d_kv"))


def mlp_total(shape: ModelShape, active: bool = False) -> SymbolicCount:
    """Every layer's MLP(s): n_layers · [experts ·] matrices · d_mlp · d_model."""
    experts: Product = ()
    if shape.n_experts > 1:
        experts = ("k_active",) if active else ("n_experts",)
    term = (*experts, shape.mlp_matrices, *mlp_width(shape), "d_model")
    return SymbolicCount.of(shape, ("n_layers",), term)


def _norms(shape: ModelShape) -> SymbolicCount:
    """Two norms per layer and a final one, each d_model scales (and shifts for layernorm)."""
    per_norm = {"layernorm": 2, "rmsnorm": 1, "none": 0}[shape.norm]
    return SymbolicCount.of(shape, (per_norm,), ("n_layers", 2, "d_model"), ("d_model",))


def collect_terms(terms: tuple[Product, ...]) -> tuple[Product, ...]:
    """Like terms added up: c₁ · x + c₂ · x = (c₁ + c₂) · x, where x is the same named sizes in
    the same order and c the product of the whole-number factors (GPT-3's biases
    2·d + 2·d + 4·d + d = 9·d). Order of first appearance kept; the sum is unchanged."""
    coefficients: dict[tuple[str, ...], int] = {}
    for term in terms:
        names = tuple(f for f in term if isinstance(f, str))
        coefficient = evaluate(tuple(f for f in term if isinstance(f, int)), {})
        coefficients[names] = coefficients.get(names, 0) + coefficient
    return tuple(
        (*((c,) if c != 1 or not names else ()), *names) for names, c in coefficients.items()
    )


def _biases(shape: ModelShape) -> SymbolicCount:
    """Attention's four bias vectors, the MLP's, the router's, in every layer (like terms
    collected: n_layers · 9 · d_model for GPT-3)."""
    experts: Product = ("n_experts",) if shape.n_experts > 1 else ()
    terms: list[Product] = [(2, "d_model"), (2, *kv_width(shape))]
    terms.append((*experts, shape.mlp_matrices - 1, *mlp_width(shape)))
    terms.append((*experts, "d_model"))
    if shape.n_experts > 1:
        terms.append(("n_experts",))
    return SymbolicCount.of(shape, ("n_layers",), *collect_terms(tuple(terms)))


def tally_rows(shape: ModelShape, convention: Convention, active: bool = False) -> list[TallyRow]:
    """The whole model's table, every row from the shape: embedding, attention, MLP (router),
    unembedding, then the negligible rows: biases, learned positions (``full`` only) and
    normalisation. With ``matrices`` the negligible rows are listed but not counted, so the
    total is the weight matrices' sum (GPT-3: 175,181,291,520, the published figure); with
    ``full`` every row is counted. ``active``: the MLP row counts the experts used per token."""
    full = convention == "full"
    rows = [
        TallyRow("embedding", SymbolicCount.of(shape, (), ("n_vocab", "d_model"))),
        TallyRow("attention", _attention(shape)),
        TallyRow("mlp", mlp_total(shape, active)),
    ]
    if shape.n_experts > 1:
        rows.append(
            TallyRow("router", SymbolicCount.of(shape, ("n_layers",), ("d_model", "n_experts")))
        )
    if not shape.tied_embeddings:
        rows.append(TallyRow("unembedding", SymbolicCount.of(shape, (), ("n_vocab", "d_model"))))
    if full and shape.positional == "learned":
        rows.append(TallyRow("positional", SymbolicCount.of(shape, (), ("n_ctx", "d_model"))))
    if shape.biases:
        rows.append(TallyRow("biases", _biases(shape), negligible=True, counted=full))
    if shape.norm != "none":
        rows.append(TallyRow("norms", _norms(shape), negligible=True, counted=full))
    return rows


def tally_total(rows: list[TallyRow]) -> int:
    """The table's total: the sum of its counted rows as displayed (exact integers)."""
    return sum(row.count.value for row in rows if row.counted)


def spoken_count(count: int) -> str:
    """A count as said aloud, to about three significant figures: 603979776 → '604 million',
    1207959552 → '1.21 billion', 175181291520 → '175 billion'."""
    label = rounded_label(count)
    words = {"K": " thousand", "M": " million", "B": " billion", "T": " trillion"}
    return label[:-1] + words[label[-1]] if label[-1] in words else label


def mlp_bias_count(shape: ModelShape) -> SymbolicCount:
    """One MLP's bias vectors (one expert): (matrices − 1) · d_mlp + d_model, or 0."""
    if not shape.biases:
        return SymbolicCount((), ((0,),), 0)
    return SymbolicCount.of(shape, (), (shape.mlp_matrices - 1, *mlp_width(shape)), ("d_model",))
