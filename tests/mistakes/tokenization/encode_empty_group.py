"""Always compiles the special-token pattern: with none it is "()", which cuts between every character."""

EXERCISE = "tokenization.BPETokenizer"
DIAGNOSIS = "with no special tokens the pattern is \"()\""

import re


class BPETokenizer(BPETokenizer):  # noqa: F821
    def encode(self, text):
        pattern = "(" + "|".join(map(re.escape, sorted(self.special_ids, key=len, reverse=True))) + ")"
        ids = []
        for piece in re.split(pattern, text):
            if piece in self.special_ids:
                ids.append(self.special_ids[piece])
                continue
            for word in SPLIT_PATTERN.findall(piece):  # noqa: F821
                ids.extend(self.encode_word(word))
        return ids
