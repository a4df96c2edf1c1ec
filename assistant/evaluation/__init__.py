"""``assistant eval``'s harness: splits, engines run in isolated processes, scores, and the written report."""
