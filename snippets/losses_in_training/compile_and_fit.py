import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()

# 32 points near the line y = 3x - 1.
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(32, 1)).astype("float32")
y = (3 * x - 1 + 0.1 * rng.normal(size=(32, 1))).astype("float32")


def train(loss, metrics=()):
    # Every run starts from the same initial weights.
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    model.compile(optimizer=optimizer, loss=loss, metrics=list(metrics))
    # batch_size=32 is the whole data set: one step per epoch.
    history = model.fit(x, y, batch_size=32, epochs=5, verbose=0)
    steps = int(model.optimizer.iterations)
    kernel, bias = model.layers[0].get_weights()
    return np.concatenate([kernel.ravel(), bias]), history.history, steps


def show(values):
    return " ".join(f"{v:.4f}" for v in values)


# A loss object, and its string alias.
weights_object, history_object, steps = train(keras.losses.MeanSquaredError())
weights_alias, history_alias, _ = train("mse")
print("optimizer steps in 5 epochs:", steps)
#> optimizer steps in 5 epochs: 5
print("object loss:", show(history_object["loss"]))
#> object loss: 3.8957 3.2395 2.7114 2.2809 1.9264
print("alias  loss:", show(history_alias["loss"]))
#> alias  loss: 3.8957 3.2395 2.7114 2.2809 1.9264
print("same weights:", np.array_equal(weights_object, weights_alias))
#> same weights: True
print(keras.losses.get("mse").__name__)
#> mean_squared_error


# A plain function f(y_true, y_pred), returning one loss per sample.
def my_mse(y_true, y_pred):
    return keras.ops.mean(keras.ops.square(y_pred - y_true), axis=-1)


weights_function, history_function, _ = train(my_mse)
print("function loss:", show(history_function["loss"]))
#> function loss: 3.8957 3.2395 2.7114 2.2809 1.9264
print("same weights:", np.array_equal(weights_function, weights_alias))
#> same weights: True

# A metric is computed and reported, but the optimizer only follows the loss.
weights_metric, history_metric, _ = train("mse", metrics=["mae"])
print(sorted(history_metric))
#> ['loss', 'mae']
print("loss:", show(history_metric["loss"]))
#> loss: 3.8957 3.2395 2.7114 2.2809 1.9264
print("mae: ", show(history_metric["mae"]))
#> mae:  1.5345 1.4037 1.2911 1.1912 1.1031
same = np.array_equal(weights_metric, weights_alias)
print("same weights as without the metric:", same)
#> same weights as without the metric: True

# Swap the roles: now MAE is optimized and MSE only reported.
weights_swapped, _, _ = train("mae", metrics=["mse"])
print("loss=mse: w, b =", show(weights_alias))
#> loss=mse: w, b = 0.9867 -0.5385
print("loss=mae: w, b =", show(weights_swapped))
#> loss=mae: w, b = 0.2703 -0.1250
