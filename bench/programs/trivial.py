"""A trivial function for the protocol's overhead: f(x) = x (n elements in, n out), through the adapter."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "adapters", "python"))
from gradspec_program import serve  # noqa: E402

serve({"f": lambda x: x, "s": lambda x: x.sum()})
