import keras
import numpy as np

# The targets are exactly 3 x1 + 4 x2, and the model starts at exactly those
# weights: its predictions are perfect.
rng = np.random.default_rng(0)
x = rng.normal(size=(16, 2)).astype("float32")
y = x @ np.array([[3.0], [4.0]], dtype="float32")

layer = keras.layers.Dense(1, use_bias=False,
                           kernel_regularizer=keras.regularizers.L2(0.01))
model = keras.Sequential([keras.Input(shape=(2,)), layer])
layer.set_weights([np.array([[3.0], [4.0]], dtype="float32")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse",
              run_eagerly=True)  # no graph for a single step


def losses():
    data_loss = float(keras.losses.MeanSquaredError()(y, model(x)))
    reported = model.evaluate(x, y, verbose=0)
    return f"data loss {data_loss:.4f}  evaluate {reported:.4f}"


print(losses())
#> data loss 0.0000  evaluate 0.2500
# One step of training: the penalty pulls the weights towards 0.
model.fit(x, y, batch_size=16, epochs=1, verbose=0)
print(layer.kernel.numpy()[:, 0])
#> [2.994 3.992]
print(losses())
#> data loss 0.0001  evaluate 0.2491
