"""The language pipeline: plain Python, strings in and dataclasses out.

Nothing in this package may import Django; it is tested and benchmarked on
strings alone, and the web, the worker and the commands all call `extract()`.
"""
