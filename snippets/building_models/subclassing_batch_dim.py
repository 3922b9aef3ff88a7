import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

seen = []  # the input shape and the branch, each time call() runs


class BatchOfEight(keras.Model):
    """A Python `if` on the batch dimension of the input's shape."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(2)

    def call(self, inputs):
        if inputs.shape[0] == 8:
            branch = "batch of 8"
        else:
            branch = "other"
        seen.append((tuple(inputs.shape), branch))
        return self.dense(inputs)


# Called directly on 8 samples: the shape is (8, 3), the `if` is true.
model = BatchOfEight()
model(np.ones((8, 3), dtype="float32"))
print(sorted(set(seen)))
#> [((8, 3), 'batch of 8')]


def seen_in_fit(n):
    """Fit a new model on n samples in batches of 8: what did call() see?"""
    seen.clear()
    x = np.ones((n, 3), dtype="float32")
    y = np.ones((n, 2), dtype="float32")
    model = BatchOfEight()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    return sorted(set(seen))


# 64 samples: 8 batches of 8. fit() traces call() with a batch of 8.
print(seen_in_fit(64))
#> [((8, 3), 'batch of 8')]
# 60 samples: 7 batches of 8 and one of 4. Now the batch dimension is None,
# and the `if` never takes the first branch, not even for the batches of 8.
print(seen_in_fit(60))
#> [((None, 3), 'other')]
