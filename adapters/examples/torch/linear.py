"""A custom torch.autograd.Function, y = x W' (like nn.Linear without bias), whose backward has the
weight gradient transposed: grad_W = x' g where it should be g' x. With a square W, torch accepts the
wrong gradient (its shape fits), and only a check finds it.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from gradspec_program import serve, torch_function  # noqa: E402


class Linear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, W):
        ctx.save_for_backward(x, W)
        return x @ W.t()

    @staticmethod
    def backward(ctx, g):
        x, W = ctx.saved_tensors
        grad_x = g @ W
        grad_W = x.t() @ g  # wrong: the weight gradient is g' x
        return grad_x, grad_W


serve({"linear": torch_function(lambda x, W: Linear.apply(x, W))})
