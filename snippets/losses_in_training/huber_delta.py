import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# The data of robust_regression.py: 30 points near y = 2x + 1, three outliers 8 lower.
rng = np.random.default_rng(0)
x = np.linspace(-1, 1, 30, dtype="float32")[:, None]
y = (2 * x + 1 + 0.3 * rng.normal(size=x.shape)).astype("float32")
y[[22, 25, 28]] -= 8
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def fit_line(loss, steps=150):
    line = keras.layers.Dense(1, kernel_initializer="zeros")  # y = w x + b, from w = b = 0
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=steps)
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=loss)
    model.fit(data, epochs=steps, steps_per_epoch=1, shuffle=False, verbose=0)
    kernel, bias = line.get_weights()
    return kernel[0, 0], bias[0]


for delta in [0.1, 0.3, 1.0, 3.0, 10.0]:
    slope, intercept = fit_line(keras.losses.Huber(delta=delta))
    errors = np.abs(slope * x + intercept - y)
    # How many points end up inside the quadratic zone |error| <= delta?
    inside = np.sum(errors <= delta)
    print(f"delta {delta:4}  slope {slope:4.2f}  intercept {intercept:4.2f}  {inside:2} of 30 inside")
    #> delta  0.1  slope 1.88  intercept 0.91  10 of 30 inside
    #> delta  0.3  slope 1.89  intercept 0.92  20 of 30 inside
    #> delta  1.0  slope 1.73  intercept 0.84  27 of 30 inside
    #> delta  3.0  slope 1.18  intercept 0.57  27 of 30 inside
    #> delta 10.0  slope 0.36  intercept 0.16  30 of 30 inside
