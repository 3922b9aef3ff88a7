import keras
import numpy as np

keras.utils.set_random_seed(0)


class OutputPenalty(keras.layers.Layer):
    """Passes its input on, and adds rate * mean(input²) to the loss."""

    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * keras.ops.mean(keras.ops.square(inputs)))
        return inputs


rng = np.random.default_rng(0)
x = rng.normal(size=(32, 3)).astype("float32")
y = (x @ np.array([[1.0], [-2.0], [0.5]]) + 0.3).astype("float32")

inputs = keras.Input(shape=(3,))
hidden = keras.layers.Dense(4, kernel_regularizer=keras.regularizers.L2(0.01))
penalty = OutputPenalty(rate=0.1)
outputs = keras.layers.Dense(1)(penalty(hidden(inputs)))
model = keras.Model(inputs, outputs)
model.compile(optimizer="sgd", loss="mse", run_eagerly=True)  # no graph

# After a call, each layer holds its own terms; model.losses collects them.
predictions = model(x)
kernel_term = 0.01 * np.sum(hidden.kernel.numpy() ** 2)
output_term = 0.1 * np.mean(hidden(x).numpy() ** 2)
print(f"{float(hidden.losses[0]):.6f} {kernel_term:.6f}")
#> 0.025521 0.025521
print(f"{float(penalty.losses[0]):.6f} {output_term:.6f}")
#> 0.059315 0.059315
print(len(model.losses), f"{float(np.sum(model.losses)):.6f}")
#> 2 0.084835

# evaluate and fit report the data loss plus both terms.
data_loss = float(keras.losses.MeanSquaredError()(y, predictions))
reported = model.evaluate(x, y, verbose=0)
terms = f"{data_loss:.4f} + {kernel_term:.4f} + {output_term:.4f}"
print(f"{reported:.4f} = {terms}")
#> 8.1367 = 8.0519 + 0.0255 + 0.0593
history = model.fit(x, y, batch_size=32, epochs=1, verbose=0)  # one step
print(f"{history.history['loss'][0]:.4f}")
#> 8.1367
