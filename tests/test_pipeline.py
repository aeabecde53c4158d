"""baodantoc.extract.pipeline: order checked at construction; one failing component does not stop a doc."""

import pytest

from baodantoc.extract.doc import Doc
from baodantoc.extract.normalize import make_doc
from baodantoc.extract.pipeline import Component, Pipeline, PipelineOrderError


def test_a_component_reading_an_unwritten_layer_is_rejected() -> None:
    with pytest.raises(PipelineOrderError, match="tokens"):
        Pipeline([Component("late", lambda d: d, reads=("tokens",))])


def test_a_failing_component_is_recorded_and_the_rest_run() -> None:
    def boom(doc: Doc) -> Doc:
        raise RuntimeError("kaput")

    def mark(doc: Doc) -> Doc:
        doc.meta["after"] = True
        return doc

    pipe = Pipeline([Component("boom", boom), Component("mark", mark)])
    doc = pipe(make_doc("Xin chào"))
    assert doc.errors == [("boom", "RuntimeError('kaput')")]
    assert doc.meta["after"] is True
