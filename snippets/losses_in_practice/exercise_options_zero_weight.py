import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 3)).astype("float32")
targets = {
    "a": (x @ np.array([[1.0], [-2.0], [0.5]])).astype("float32"),
    "b": (x[:, :1] + x[:, 1:2] > 0).astype("float32"),
}
inputs = keras.Input(shape=(3,))
hidden = keras.layers.Dense(8, activation="relu")(inputs)
head_a = keras.layers.Dense(1, name="a")
head_b = keras.layers.Dense(1, name="b")
model = keras.Model(inputs, [head_a(hidden), head_b(hidden)])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss={"a": "mse", "b": keras.losses.BinaryCrossentropy(from_logits=True)},
    loss_weights={"a": 1.0, "b": 0.0},
)
result = model.evaluate(x, targets, verbose=0, return_dict=True)
print({name: round(value, 6) for name, value in result.items()})
#> {'a_loss': 4.838473, 'b_loss': 0.8535, 'loss': 4.838473}

# Train for 20 steps: which layers change?
before = [layer.get_weights()[0].copy() for layer in (head_a, head_b)]
data = tf.data.Dataset.from_tensors((x, targets)).repeat()
model.fit(data, epochs=20, steps_per_epoch=1, shuffle=False, verbose=0)
for name, layer, kernel in zip("ab", (head_a, head_b), before):
    print(name, "changed:", not np.array_equal(layer.get_weights()[0], kernel))
    #> a changed: True
    #> b changed: False
# Yet b_loss falls: the shared hidden layer, trained for a, moved under b.
after = model.evaluate(x, targets, verbose=0, return_dict=True)
print(f"b_loss {result['b_loss']:.4f} before, {after['b_loss']:.4f} after")
#> b_loss 0.8535 before, 0.7200 after
