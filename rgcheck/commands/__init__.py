"""Sub-commands of ``rgcheck``: one module per command, each with ``register(subparsers)``."""
