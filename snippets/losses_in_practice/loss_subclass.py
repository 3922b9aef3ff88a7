import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()


class QuantileLoss(keras.losses.Loss):
    """The pinball loss of custom_loss.py, for any quantile q in (0, 1)."""

    def __init__(self, quantile=0.5, name="quantile", **kwargs):
        super().__init__(name=name, **kwargs)  # name, reduction, dtype
        self.quantile = quantile

    def call(self, y_true, y_pred):  # one loss per sample, as before
        error = y_true - y_pred
        q = self.quantile
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1) * error),
                              axis=-1)

    def get_config(self):  # everything __init__ needs to make it again
        return {**super().get_config(), "quantile": self.quantile}


loss = QuantileLoss(quantile=0.9)
print(loss.get_config())
#> {'name': 'quantile', 'reduction': 'sum_over_batch_size', 'quantile': 0.9}
copy = QuantileLoss.from_config(loss.get_config())
print(type(copy).__name__, copy.quantile)
#> QuantileLoss 0.9

# Called on a batch, a Loss object reduces: the mean of [0.9, 0.1].
y_true = np.array([[1.0], [1.0]], dtype="float32")
y_pred = np.array([[0.0], [2.0]], dtype="float32")
print(f"{loss(y_true, y_pred).numpy():.2f}")
#> 0.50
# With q = 0.5 it is half the MAE.
mae = keras.losses.MeanAbsoluteError()
median = QuantileLoss(quantile=0.5)
print(median(y_true, y_pred).numpy(), mae(y_true, y_pred).numpy() / 2)
#> 0.5 0.5

# The points of custom_loss.py; one line per quantile.
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(100, 1)).astype("float32")
y = (2 * x + 1 + 0.5 * rng.normal(size=(100, 1))).astype("float32")
data = tf.data.Dataset.from_tensors((x, y)).repeat()
for q in [0.1, 0.5, 0.9]:
    keras.utils.set_random_seed(0)
    line = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=150)
    model.compile(optimizer=keras.optimizers.Adam(schedule),
                  loss=QuantileLoss(quantile=q))
    model.fit(data, epochs=1, steps_per_epoch=150, shuffle=False, verbose=0)
    kernel, bias = line.get_weights()
    below = np.mean(y < model(x).numpy())
    fitted = f"w {kernel[0, 0]:.2f}  b {bias[0]:.2f}"
    print(f"q {q}: {fitted}  points below: {below:.2f}")
    #> q 0.1: w 2.06  b 0.30  points below: 0.10
    #> q 0.5: w 1.93  b 1.00  points below: 0.50
    #> q 0.9: w 1.98  b 1.57  points below: 0.90
