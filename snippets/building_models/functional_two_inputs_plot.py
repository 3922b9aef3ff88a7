import keras
from keras import layers

keras.utils.set_random_seed(0)

# The two-input model of the previous example.
left = keras.Input(shape=(3,), name="left")
right = keras.Input(shape=(3,), name="right")
shared = layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="shared"
)
merged = layers.Concatenate(name="merge")([shared(left), shared(right)])
score = layers.Dense(
    1, activation="sigmoid", kernel_initializer="he_normal", name="score"
)(merged)
model = keras.Model(inputs=[left, right], outputs=score, name="two_inputs")

# Draw the graph with Graphviz: a box per layer, an arrow from each layer to
# every layer that takes its output.
# plot_model writes the file, then hands it back as an IPython image for a
# notebook to show; IPython cannot do that with an SVG file, so it raises
# ValueError after the drawing is already saved.
try:
    keras.utils.plot_model(
        model,
        to_file="functional_two_inputs_plot.svg",
        show_shapes=True,
        show_layer_names=True,
    )
except ValueError as error:
    print(error)
    #> Cannot embed the 'svg' image format
