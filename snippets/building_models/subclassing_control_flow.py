import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

x = np.ones((4, 3), dtype="float32")
y = np.ones((4, 2), dtype="float32")


class Flexible(keras.Model):
    """Python control flow on Python values: a loop, a feature count."""

    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        # A Python list of `depth` layers.
        self.hidden = [layers.Dense(3, activation="relu") for _ in range(depth)]
        self.out = layers.Dense(2)

    def call(self, inputs):
        x = inputs
        for layer in self.hidden:  # a loop over a Python list
            x = layer(x)
        if inputs.shape[-1] == 3:  # known while tracing: 3 features
            x = x + inputs
        return self.out(x)


model = Flexible(depth=2)
model.compile(optimizer="sgd", loss="mse")
history = model.fit(x, y, epochs=1, verbose=0)
print(len(history.history["loss"]))
#> 1


class TensorIf(keras.Model):
    """A Python `if` on a tensor's value."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(2)

    def call(self, inputs):
        if keras.ops.sum(inputs) > 0:  # needs the values of `inputs`
            return self.dense(inputs)
        return -self.dense(inputs)


# Called directly on an array, call() runs eagerly: the `if` works.
print(TensorIf()(x).shape)
#> (4, 2)

# fit() turns call() into a graph first, where the tensor has no value yet.
model = TensorIf()
model.compile(optimizer="sgd", loss="mse")
try:
    model.fit(x, y, epochs=1, verbose=0)
except Exception as error:
    print(type(error).__name__)
    #> OperatorNotAllowedInGraphError

# run_eagerly=True makes fit() run call() eagerly, but slower.
model = TensorIf()
model.compile(optimizer="sgd", loss="mse", run_eagerly=True)
print(len(model.fit(x, y, epochs=1, verbose=0).history["loss"]))
#> 1


class TensorCond(TensorIf):
    """The same choice made by keras.ops.cond, which works in a graph."""

    def call(self, inputs):
        return keras.ops.cond(
            keras.ops.sum(inputs) > 0,
            lambda: self.dense(inputs),
            lambda: -self.dense(inputs),
        )


# Called directly on an array (eagerly), and in a plain fit() (a graph).
print(TensorCond()(x).shape)
#> (4, 2)
model = TensorCond()
model.compile(optimizer="sgd", loss="mse")
print(len(model.fit(x, y, epochs=1, verbose=0).history["loss"]))
#> 1
