import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# 60 samples: fit() with batch_size=8 makes 7 batches of 8 and one of 4.
x = np.ones((60, 3), dtype="float32")
y = np.ones((60, 2), dtype="float32")

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
model(x[:8])
print(sorted(set(seen)))
#> [((8, 3), 'batch of 8')]

# fit() traces call() with the batch dimension unknown: None, never 8.
seen.clear()
model.compile(optimizer="sgd", loss="mse")
model.fit(x, y, batch_size=8, epochs=2, verbose=0)
print(sorted(set(seen)))
#> [((None, 3), 'other')]
