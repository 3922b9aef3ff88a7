import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()


# A loss is a function of (y_true, y_pred) that returns one loss per sample.
# This one punishes a prediction below the target 9 times as hard as one
# above it (0.9 against 0.1 per unit of error).
def pinball_90(y_true, y_pred):
    error = y_true - y_pred  # > 0: the prediction is too low
    return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error), axis=-1)


# Two samples with the target 1: one predicted 0 (too low), one 2 (too high).
y_true = np.array([[1.0], [1.0]], dtype="float32")
y_pred = np.array([[0.0], [2.0]], dtype="float32")
print(pinball_90(y_true, y_pred).numpy())
#> [0.9 0.1]

# 100 points scattered around the line y = 2x + 1.
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(100, 1)).astype("float32")
y = (2 * x + 1 + 0.5 * rng.normal(size=(100, 1))).astype("float32")
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def fit_line(loss, steps=150):
    keras.utils.set_random_seed(0)
    line = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=steps)
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=loss)
    model.fit(data, epochs=1, steps_per_epoch=steps, shuffle=False, verbose=0)
    return model


def describe(model):  # the line y = w x + b, and the share of points below it
    kernel, bias = model.layers[0].get_weights()
    below = np.mean(y < model(x).numpy())
    return f"w {kernel[0, 0]:.2f}  b {bias[0]:.2f}  points below: {below:.2f}"


print(describe(fit_line("mse")))
#> w 1.96  b 0.96  points below: 0.45
model = fit_line(pinball_90)
print(describe(model))
#> w 1.98  b 1.57  points below: 0.90

# What fit minimized: the mean of the per-sample losses over the data set.
per_sample = pinball_90(y, model(x)).numpy()
print(per_sample.shape, f"{per_sample.mean():.4f}")
#> (100,) 0.0746
print(f"{model.evaluate(x, y, verbose=0):.4f}")
#> 0.0746
