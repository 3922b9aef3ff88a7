import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()

# The data of regularizer.py.
rng = np.random.default_rng(0)
x = rng.normal(size=(32, 3)).astype("float32")
y = (x @ np.array([[1.0], [-2.0], [0.5]]) + 0.3).astype("float32")
data = tf.data.Dataset.from_tensors((x, y)).repeat()
l2 = 0.05


def train(penalty=False, decay=None, momentum=0.0, decay_bias=False):
    keras.utils.set_random_seed(0)  # the same initial weights every time
    regularizer = keras.regularizers.L2(l2) if penalty else None
    layer = keras.layers.Dense(1, kernel_regularizer=regularizer)
    model = keras.Sequential([keras.Input(shape=(3,)), layer])
    optimizer = keras.optimizers.SGD(learning_rate=0.1, momentum=momentum,
                                     weight_decay=decay)
    if not decay_bias:  # the penalty is on the kernel only; so is the decay
        optimizer.exclude_from_weight_decay(var_names=["bias"])
    model.compile(optimizer=optimizer, loss="mse")
    model.fit(data, epochs=1, steps_per_epoch=20, shuffle=False, verbose=0)
    return model, layer.kernel.numpy()[:, 0], layer.bias.numpy()[0]


# Plain SGD: L2(l2) and weight_decay = 2 * l2 give the same weights.
with_penalty, kernel_p, bias_p = train(penalty=True)
with_decay, kernel_d, bias_d = train(decay=2 * l2)
print(kernel_p.round(4), f"{bias_p:.4f}")
#> [ 0.9145 -1.7709  0.5871] 0.2041
print(kernel_d.round(4), f"{bias_d:.4f}")
#> [ 0.9145 -1.7709  0.5871] 0.2041
print(np.allclose(kernel_p, kernel_d, atol=1e-6))
#> True
# Same weights, same data loss; but only the penalty is part of the loss
# that evaluate (and fit) report.
data_loss = float(keras.losses.MeanSquaredError()(y, with_decay(x)))
penalty = l2 * np.sum(kernel_p**2)
reported = with_penalty.evaluate(x, y, verbose=0)
print(f"{reported:.4f} = {data_loss:.4f} + {penalty:.4f}")
#> 0.2582 = 0.0424 + 0.2159
print(f"{with_decay.evaluate(x, y, verbose=0):.4f}")
#> 0.0424

# weight_decay shrinks every variable, the bias too, unless excluded.
_, _, bias_all = train(decay=2 * l2, decay_bias=True)
print(f"bias {bias_d:.6f} without decay, {bias_all:.6f} with it")
#> bias 0.204139 without decay, 0.196251 with it

# With momentum the two part ways: the penalty's gradient 2 * l2 * w builds
# up in the velocity; the decay never enters it.
_, kernel_pm, _ = train(penalty=True, momentum=0.9)
_, kernel_dm, _ = train(decay=2 * l2, momentum=0.9)
print(kernel_pm.round(4), kernel_dm.round(4))
#> [ 0.8905 -1.8718  0.828 ] [ 0.964  -1.9017  0.8003]
print(f"largest difference {np.abs(kernel_pm - kernel_dm).max():.4f}")
#> largest difference 0.0735
