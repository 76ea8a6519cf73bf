"""f(x) = x .* x with its vjp, jvp and jacobian, through the adapter (NumPy)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "adapters", "python"))
import numpy as np  # noqa: E402
from gradspec_program import function, serve  # noqa: E402

serve({"sq": function(lambda x: x * x,
                      vjp=lambda x, ct: (2 * x * ct,),
                      jvp=lambda x, wrt, t: 2 * x * t,
                      jacobian=lambda x, wrt: np.diag(2 * x.ravel()).reshape(x.shape + x.shape))})
