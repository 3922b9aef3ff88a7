import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# 32 samples with 3 features; the targets follow the weights 1, -2 and 0.5.
rng = np.random.default_rng(0)
x = rng.normal(size=(32, 3)).astype("float32")
y = (x @ np.array([[1.0], [-2.0], [0.5]]) + 0.3).astype("float32")

# A penalty of 0.1 * (sum of the squared kernel weights) on this layer.
layer = keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(0.1))
model = keras.Sequential([keras.Input(shape=(3,)), layer])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse",
              run_eagerly=True)  # no graph for a single step

# model.losses: the penalties, computed from the weights as they are now.
print(len(model.losses))
#> 1
kernel = layer.kernel.numpy()
print(f"{float(model.losses[0]):.6f} {0.1 * np.sum(kernel**2):.6f}")
#> 0.090936 0.090936

# evaluate reports the data loss plus the penalties.
data_loss = float(keras.losses.MeanSquaredError()(y, model(x)))
penalty = float(np.sum(model.losses))
reported = model.evaluate(x, y, verbose=0)
print(f"{reported:.4f} = {data_loss:.4f} + {penalty:.4f}")
#> 2.4669 = 2.3760 + 0.0909
# So does fit: one step on the whole batch reports the loss before the step.
history = model.fit(x, y, batch_size=32, epochs=1, verbose=0)
print(f"{history.history['loss'][0]:.4f}")
#> 2.4669


# The penalty pulls the weights towards 0: 100 steps without and with it.
def trained_kernel(l2):
    keras.utils.set_random_seed(0)
    regularizer = keras.regularizers.L2(l2)
    layer = keras.layers.Dense(1, kernel_regularizer=regularizer)
    model = keras.Sequential([keras.Input(shape=(3,)), layer])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    data = tf.data.Dataset.from_tensors((x, y)).repeat()
    model.fit(data, epochs=1, steps_per_epoch=100, shuffle=False, verbose=0)
    return layer.kernel.numpy()[:, 0].round(3)


print(trained_kernel(0.0))
#> [ 1.  -2.   0.5]
print(trained_kernel(0.1))
#> [ 0.905 -1.742  0.484]
